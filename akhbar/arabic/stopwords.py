"""akhbar's Arabic stopword list, written for news text and stored in normalized form.

The words are listed as a reader writes them and normalized with ``normalize_for_search`` at import,
so the set matches tokens after the analyzer's normalization step. Deliberately absent: على (it
normalizes to علي, the name Ali) and content words that news readers search for.
"""

from __future__ import annotations

from .normalize import normalize_for_search

__all__ = ["QUESTION_FRAMES", "QUESTION_WORDS", "STOPWORDS"]

_PARTICLES = """
و ف ب ك ل س ا ي ال
من في إلى الى عن مع حتى منذ مذ لدى عند عندما نحو حول دون بين خلال ضد عبر تحت فوق أمام خلف
بعد قبل ضمن سوى غير لدي إذ إذا إذن إن أن أنّ لأن كي لكي حيث كما مثل بينما أما إما ثم أو أم بل لكن
لا لم لن ليس ليست ليسوا قد لقد سوف إلا ألا كل بعض أيضا فقط كذلك ذات نفس عدة حين حينما لما لو لولا
ما من ماذا متى أين كيف لماذا كم أي أية هل
هو هي هم هما هن أنا نحن أنت أنتم أنتما أنتن إياه إياها إياهم
هذا هذه ذلك تلك هؤلاء أولئك هنا هناك هنالك ذاك هذان هاتان هذين هاتين
الذي التي الذين اللذين اللتين اللذان اللتان اللاتي اللواتي
كان كانت كانوا يكون تكون يكن أصبح أصبحت صار ظل مازال ما زال لازال
عليه عليها عليهم عليهما فيه فيها فيهم منه منها منهم به بها بهم له لها لهم عنه عنها عنهم إليه إليها
إليهم معه معها معهم لديه لديها لديهم
وفي ومن وعن ومع وإلى والى وهو وهي وهم وقد ولا ولم ولن وأن وإن وكان وكانت وكل وبين وذلك وهذا وهذه
فإن فقد فهو فهي فلا بأن بأنه بأنها أنه أنها إنه إنها لأنه لأنها كما كانا
"""

# Words that only ask ("who is", "when did"): dropped from queries, harmless to drop from documents.
_QUESTION = """
ما ماذا من متى أين كيف لماذا لم كم هل أي أية وما ومن ومتى وأين وكيف وكم
ماهو ماهي ماهى مالذي ماذى مين ايش شو إيش وين ليش امتى
"""

STOPWORDS: frozenset[str] = frozenset(normalize_for_search(w) for w in _PARTICLES.split())
QUESTION_WORDS: frozenset[str] = frozenset(normalize_for_search(w) for w in _QUESTION.split())

# Words that name what a question asks for rather than what it is about, when they come right after a
# question word (only stopwords between): «ما اسم», «في أي عام», «كم عدد», «كم مرة», «ما نوع». The
# answer's text says the name, the year or the number, rarely the word itself; elsewhere they are
# ordinary words («عدد الضحايا», «عام 2011»). The query parser drops them there (akhbar.search.query).
_FRAMES = """
اسم الاسم إسم الإسم عام العام سنة السنة عدد مرة نوع
"""
QUESTION_FRAMES: frozenset[str] = frozenset(normalize_for_search(w) for w in _FRAMES.split())
