/** A file that cannot be ingested. The message is a short reason fit to show an editor. */
export class IngestError extends Error {
  override readonly name = 'IngestError';
}
