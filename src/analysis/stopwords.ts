/**
 * Words that say nothing about what a news question asks, on top of stopwords-iso's Arabic and
 * English lists. A question names a topic inside a frame ("what did X say about…", "why does X
 * reject…"); the frame's words are on every page of a news archive, so matching them would only
 * make an unrelated passage look relevant, and leaving them unmatched would make the right one
 * look irrelevant. Index and query drop them alike.
 */
export const QUESTION_FRAME_WORDS = [
  // Question words, standard and dialect (Egyptian, Levantine, Gulf, Maghrebi).
  'شو', 'ايش', 'إيش', 'وش', 'ليش', 'ليه', 'امتى', 'إمتى', 'ايمتى', 'متى', 'وين', 'فين', 'مين', 'منو', 'كيف', 'كيفاش', 'شلون',
  'قديش', 'كم', 'كام', 'بكام', 'اديش', 'ازاي', 'إزاي', 'هل', 'ماذا', 'بماذا', 'لماذا', 'ما', 'من', 'اين', 'أين', 'أي', 'ايه', 'إيه',
  'هو', 'هي', 'يعني', 'بدي', 'اعرف', 'اللي', 'الي', 'عن', 'على', 'في', 'بحسب', 'حسب', 'وفق', 'وفقا', 'بخصوص', 'خصوصا', 'بشأن',
  'حول', 'تجاه', 'إزاء',
  // ما هو / ما هي written as one word, as questions often are: a rare "word" the archive barely holds.
  'ماهو', 'ماهي', 'ماهى',
  // More dialect question words: Maghrebi (شنو, شكون, شحال, فوقاش, منين, واش), Iraqi and Gulf (شكد).
  // Not Egyptian انهي "which": in matching form it is أنهى "ended".
  'شنو', 'شنهو', 'شنية', 'اشنو', 'شكون', 'شحال', 'فوقاش', 'وقتاش', 'منين', 'واش', 'شكد', 'اشكد',
  // Dialect words for "want" and "of", pronouns and demonstratives: the frame, not the topic. Left
  // out where the word is also another in matching form or a name: بدو "Bedouins", هادي "calm"
  // (هادئ), راه (رآه "saw him"), ديك "rooster" and Dick, كاين Kane, دي de (دي ميستورا), هاي, متاع "belongings".
  'بدها', 'بدهم', 'عايز', 'عايزة', 'عايزين', 'بغا', 'بغى', 'يبغى', 'يبغي', 'يبي', 'تبي', 'حاب',
  'ديال', 'ديالو', 'ديالها', 'تاع', 'بتاع', 'بتاعة', 'هوما', 'احنا', 'إحنا', 'هوا', 'هادا', 'هاد',
  'هذي', 'ده', 'داك', 'ماشي', 'بزاف', 'غادي', 'بلي', 'منشان',
  // Dialect function words with no topic of their own.
  'لسا', 'لسه', 'لساته', 'هلق', 'هلأ', 'دلوقتي', 'الحين', 'هسا', 'هسه', 'عشان', 'علشان', 'مشان', 'بس', 'كمان', 'برضو',
  'زي', 'هيك', 'كده', 'كدا', 'رح', 'راح', 'حا', 'ح', 'عم', 'فيه', 'اشي', 'حاجة', 'شي', 'شيء', 'بعد', 'قبل',
  // Reporting verbs and nouns: every news passage reports somebody saying something.
  'قال', 'قالت', 'يقول', 'تقول', 'قالوا', 'حكى', 'حكي', 'أكد', 'أكدت', 'يؤكد', 'تؤكد', 'أعلن', 'أعلنت', 'يعلن', 'تعلن',
  'أوضح', 'أوضحت', 'يوضح', 'أشار', 'أشارت', 'يشير', 'شدد', 'شددت', 'يشدد', 'صرح', 'صرحت', 'يصرح', 'أضاف', 'أضافت',
  'يضيف', 'لفت', 'ذكر', 'ذكرت', 'يذكر', 'أفاد', 'أفادت', 'يفيد', 'أدلى', 'ادلى', 'تصريح', 'تصريحات', 'تصريحه',
  'بتصريحه', 'تصريحاته', 'كلام', 'كلامه', 'وصف', 'يصف', 'وصفت', 'نقل', 'نقلت', 'نقلا', 'مصدر', 'مصادر',
  // Frame nouns: the kind of answer asked for, not its topic.
  'سبب', 'أسباب', 'موقف', 'رأي', 'الجهة', 'جهة', 'نوع', 'طبيعة', 'تفاصيل', 'مضمون', 'محتوى', 'الشيء', 'الأمر',
  'المواضيع', 'مواضيع', 'القضايا', 'الذي', 'التي', 'الذين',
  'what', 'when', 'where', 'who', 'why', 'how', 'which', 'did', 'does', 'say', 'said', 'says', 'tell', 'about',
  'according', 'stance', 'position', 'reason', 'describe', 'described', 'explain', 'summarize', 'summarise', 'outline',
];
