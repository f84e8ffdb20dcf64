"""The tagger's regular expressions, each paired with its normalising handler.

Compiled once at import. Order matters only to break ties between matches of the same span;
otherwise the longest match at the leftmost start wins.
"""

from __future__ import annotations

import re
from typing import Any

from newsline.analyze.timex_lex import MONTH_ALONE_RE as MA
from newsline.analyze.timex_lex import MONTH_RE as M
from newsline.analyze.timex_lex import NUM_RE as NUM
from newsline.analyze.timex_lex import UNIT_RE as UNIT
from newsline.analyze.timex_lex import WEEKDAY_RE as WD

YEAR = r"(?:1[6-9]\d\d|20\d\d)"
DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
APPROX = (
    r"(?:(?:nearly|almost|roughly|approximately|some|more\s+than|less\s+than"
    r"|at\s+least|at\s+most|up\s+to|no\s+more\s+than|fewer\s+than"
    r"|another|an\s+additional|the\s+(?:first|last|past|next|previous|final|coming|following"
    r"|remaining|latest)|the|first|past|the\s+past|the\s+first|the\s+next)\s+)"
)
PERIOD = r"(?:morning|afternoon|evening|night)"
SEASON = r"(?:spring|summer|fall|autumn|winter)"
EDGE = (
    r"(?:(?:early|late|mid|earlier|later|the\s+(?:end|beginning|start|middle|close|rest)\s+of"
    r"|the\s+(?:first|second|last)\s+(?:half|week|days?)\s+of)[\s-]+)"
)
YAGO = r"\s+(?:a\s+year\s+(?:ago|earlier)|last\s+year)\b"

# Gates: words one of which every match of a pattern holds (lower-cased), so that a text
# holding none of them is not scanned by it: most articles name no quarter, century, season
# or holiday, and each of the 44 scans costs about as much as the others.
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
UNITS = ("second", "minute", "hour", "day", "week", "fortnight", "month", "quarter", "year",
         "decade", "centur")
PLURAL_UNITS = ("seconds", "minutes", "hours", "days", "weeks", "months", "years", "decades",
                "centuries")
SEASONS = ("spring", "summer", "fall", "autumn", "winter")
HOLIDAYS = ("christmas", "year", "independence", "july", "halloween", "valentine", "boxing",
            "veterans", "bastille", "thanksgiving", "labor", "memorial", "election", "easter",
            "friday")
ORDINAL_SUFFIXES = tuple(d + s for d in "0123456789" for s in ("st", "nd", "rd", "th"))
PERIODS = ("morning", "afternoon", "evening", "night")
# characters that a case-insensitive pattern matches to an ASCII letter but that lower() does
# not turn into one ("ſ" matches "s"): a text holding one is scanned by every pattern
UNGATED = frozenset("\u0130\u0131\u017f\u212a")


def gate_open(gate: tuple[str, ...] | None, low: str) -> bool:
    """Whether the lower-cased text ``low`` may hold a match of a pattern with ``gate``."""
    return gate is None or any(word in low for word in gate)
B = r"(?<![\w$#.,/-])"  # left word boundary, also refusing "$1990", "3.2015", "1/2015"
E = r"(?![\w%]|[.,/]\d)"


Pattern = tuple[re.Pattern[str], Any, tuple[str, ...] | None]  # regex, handler, gate


def build_patterns(h: dict[str, Any]) -> list[Pattern]:
    rel_u = r"(?:year|month|week|weekend|quarter|decade|century)"
    specs: list[tuple[str, str] | tuple[str, str, tuple[str, ...]]] = [
        (rf"{B}(?P<y>{YEAR})-(?P<mo>[01]\d)-(?P<d>[0-3]\d){E}", "_iso"),
        (rf"{B}(?P<mo>1[0-2]|0?[1-9])/(?P<d>[12]\d|3[01]|0?[1-9])/(?P<y>\d{{4}}|\d\d){E}",
         "_numeric"),
        # [Weekday,] [early] March 3[rd][, 2015]
        (rf"{B}(?:{WD},?\s+)?(?:{EDGE})?(?P<m>{M})\s+(?P<d>{DAYNUM})(?!\d)(?:,?\s+(?P<y>{YEAR}))?{E}",
         "_monthday", MONTHS),
        # [Weekday,] 3 March [2015], the 4th of July 2015
        (rf"{B}(?:{WD},?\s+)?(?:the\s+)?(?P<d>{DAYNUM})\s+(?:of\s+)?(?P<m>{M})(?:,?\s+(?P<y>{YEAR}))?{E}",
         "_monthday", MONTHS),
        # the week of March 6
        (rf"(?i:{B}the\s+week\s+of\s+(?P<m>{M})\s+(?P<d>{DAYNUM})(?!\d)(?:,?\s+(?P<y>{YEAR}))?{E})",
         "_week_of", ("week",)),
        # from the 3rd to the 7th of March
        (rf"{B}(?P<a>(?:the\s+)?(?P<ad>{DAYNUM}))\s+(?:to|until|through|and|-)\s+(?P<b>(?:the\s+)?"
         rf"(?P<bd>{DAYNUM}))\s+(?:of\s+)?(?P<m>{M})(?:,?\s+(?P<y>{YEAR}))?{E}",
         "_range_days", MONTHS),
        # [early] March [2015], last April, June last year
        (rf"{B}(?:(?P<rel>last|next|this|coming)\s+)?(?:{EDGE})?(?P<m>{MA})(?:(?:,|\s+of)?\s+"
         rf"(?P<y>{YEAR})|\s+(?P<rel2>(?:this|last|next)\s+year))?{E}", "_monthyear", MONTHS),
        (rf"(?i:{B}(?:{EDGE})?(?P<pre>the\s+year\s+|fiscal\s+(?:year\s+)?|mid-)?"
         rf"(?P<fy>FY\s?)?(?P<y>{YEAR}){E})", "_year"),
        # broadcast transcripts: "in nineteen ninety-six"
        (r"(?i:\bnineteen\s+(?P<t>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
         r"(?:[\s-](?P<o>one|two|three|four|five|six|seven|eight|nine))?\b)",
         "_spelled_year", ("nineteen",)),
        (rf"(?i:{B}(?:the\s+)?(?:{EDGE})?(?:(?P<dec>1[0-9]{{2}}0|20[0-9]0)'?s|'(?P<decs>\d0)s"
         r"|(?P<decw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)))\b",
         "_decade", ("0s", "0's", "ties")),
        (r"(?i:\b(?:the\s+)?(?P<n>\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|"
         r"seventh|eighth|ninth|tenth|eleventh|twelfth)[\s-]+century)\b", "_century", ("century",)),
        # narrative: that day, the following year, earlier that day, the next morning
        (rf"(?i:\b(?:(?:earlier|later)\s+)?(?P<rel>that|the\s+same|the\s+following|the\s+next"
         rf"|the\s+previous)\s+(?P<u>day|{PERIOD}|week|month|year)\b(?!-|\s+(?:and|or)\b))",
         "_anaphor"),
        # weekdays: early Saturday, last Friday, Sunday night, this coming Sunday
        (rf"(?i:\b(?:(?P<rel>last|next|this\s+coming|this|coming|the\s+previous|early|late)\s+)?"
         rf"(?P<wd>{WD})(?:\s+(?P<per>{PERIOD}))?)", "_weekday", WEEKDAY_NAMES),
        (r"(?i:\b(?:(?:early|late|earlier|later)\s+)?(?P<w>today|tonight|yesterday|tomorrow)"
         rf"(?:\s+(?P<per>{PERIOD}))?\b)",
         "_relday", ("today", "tonight", "yesterday", "tomorrow")),
        (rf"(?i:\b(?P<w>this|last)\s+(?P<per>{PERIOD})\b)", "_relday", PERIODS),
        # times
        (r"(?i:\b(?:(?:around|about|at\s+about|shortly\s+(?:before|after)|just\s+(?:before|after)"
         r")\s+)?(?:(?P<h>1[0-2]|0?[1-9])(?::(?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|am\b|pm\b)"
         r"|(?P<h24>[01]?\d|2[0-3]):(?P<mi24>[0-5]\d)(?!\d)|(?P<word>noon|midnight))"
         r"(?:\s+(?:EST|EDT|GMT|UTC|ET|PST|PDT|CST|CDT|local\s+time)\b)?"
         r"(?:\s+(?:on\s+)?(?P<ref>yesterday|today|tomorrow|monday|tuesday|wednesday|thursday"
         rf"|friday|saturday|sunday)\b|,?\s+(?:on\s+)?(?P<rm>{M})\s+(?P<rd>{DAYNUM})(?!\d)"
         rf"(?:,?\s+(?P<ry>{YEAR}))?{E})?)", "_time"),
        # last week, next month, this year, earlier this year, the coming year, year-end
        (rf"(?i:\b(?:{EDGE})?(?:the\s+)?(?P<rel>last|next|this|coming|previous|following|current"
         rf"|past|latest)\s+(?:fiscal\s+)?(?P<u>{rel_u})\b(?!-|\s+(?:and|or)\b))", "_relunit"),
        (r"(?i:\b(?P<u>year)-end\b)", "_relunit", ("year-end",)),
        (r"(?i:\b(?:the\s+)?(?P<rel>latest|year-earlier|year-ago|comparable|corresponding|same)\s+"
         rf"(?:year-(?:ago|earlier)\s+)?(?P<u>period)(?P<ya>{YAGO})?\b)", "_relunit", ("period",)),
        # quarters
        (r"(?i:\b(?:(?P<yrel>this|last|next)\s+year's\s+|the\s+(?:comparable\s+)?(?P<ya>year-ago"
         r"\s+|year-earlier\s+)|the\s+(?=\S+\s+quarter|fiscal))?(?:fiscal\s+|flat\s+)?"
         r"(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter"
         rf"(?:\s+of\s+(?:fiscal\s+)?(?P<y>{YEAR}))?\b)", "_quarter", ("quarter",)),
        (rf"(?i:\b(?:the\s+)?(?P<y>{YEAR})\s+(?P<q>first|second|third|fourth)[\s-]+quarter\b)",
         "_quarter", ("quarter",)),
        (rf"\b(?P<q>Q[1-4])(?:\s+(?P<y>{YEAR}))?\b", "_quarter", ("q1", "q2", "q3", "q4")),
        (rf"(?i:\bthe\s+(?P<y>{YEAR})\s+(?:quarter|period)\b)",
         "_year_quarter", ("quarter", "period")),
        (r"(?i:\b(?P<mod>the(?:\s+(?:latest|current|comparable|same))?(?:\s+year-ago|\s+year-earlier)?"
         rf"|this|last\s+year's)\s+quarter\b(?!s|ly)(?P<ya>{YAGO})?)", "_thequarter", ("quarter",)),
        (r"(?i:\b(?P<mod>year-earlier|year-ago)\b(?!\s+(?:quarter|period)))",
         "_thequarter", ("year-",)),
        # N units ago / earlier / from now / later
        (rf"(?i:\b{APPROX}?(?P<n>{NUM})\s+(?P<u>{UNIT})(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|"
         r"before|later|after|afterwards?|hence|from\s+now)\b)",
         "_ago", ("ago", "earlier", "before", "later", "after", "hence", "from")),
        # durations: three years, 18 months, a decade, two-day, nearly three-year-old
        (rf"(?i:\b{APPROX}?(?P<n>{NUM})[\s-]+(?:more\s+|full\s+|straight\s+|consecutive\s+)?"
         rf"(?P<u>{UNIT})(?:-old)?\b(?!-))", "_duration", UNITS),
        (rf"(?i:(?:(?<=\bfor\s)|(?<=\bthe\s)|(?<=\bin\s)|\b{APPROX})(?P<u>(?:second|minute|hour|day|week|month|year|decade)s"
         r"|centuries)\b(?!\s+ago))", "_duration_bare", PLURAL_UNITS),
        (rf"(?i:\b{APPROX}?(?:(?:a|an|one)\s+(?P<u>hour|year|day|minute)\s+and\s+a\s+half|half\s+an?"
         rf"\s+(?P<u2>hour|year|day|minute|century))\b)", "_halfunit2", ("half",)),
        # seasons
        (rf"(?i:\b(?:(?P<rel>last|next|this|this\s+past|past|coming)\s+|the\s+)(?:{EDGE})?(?P<s>{SEASON})"
         rf"(?:\s+(?:of\s+)?(?P<y>{YEAR}))?\b)", "_season", SEASONS),
        (rf"(?i:\b(?:{EDGE})?(?P<s>{SEASON})\s+(?:of\s+)?(?P<y>{YEAR})\b)", "_season", SEASONS),
        (r"(?i:\b(?:once|twice|times)\s+(?P<g>a|per)\s+(?P<w>day|week|month|year)\b)",
         "_set", ("once", "twice", "times")),
        (rf"(?i:\b(?:{EDGE}|(?:earlier|later)\s+in\s+)?the\s+(?:full\s+|fiscal\s+|calendar\s+)?year"
         r"(?P<k>\s+two\s+thousand)?\b(?![-\s]+(?:ago|earlier|end|before|after|\d)\b))",
         "_the_year", ("year",)),
        (r"(?i:\b(?:the|this|last|next)\s+weekend\b)", "_weekend", ("weekend",)),
        (r"(?i:\b(?:the\s+)?(?P<h>first|second|last)\s+half(?:\s+of\s+(?P<y>1[6-9]\d\d|20\d\d))?\b)",
         "_half", ("half",)),
        # SET
        (r"(?i:\b(?:every|each|per)\s+(?P<w>day|week|month|year|quarter|hour|morning|afternoon"
         r"|evening|night|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)",
         "_set", ("every", "each", "per")),
        (r"(?i:\b(?P<w>daily|weekly|monthly|annually|yearly|hourly|nightly)\b)",
         "_set", ("daily", "weekly", "monthly", "annually", "yearly", "hourly", "nightly")),
        (r"(?i:\b(?P<w>(?:mon|tues|wednes|thurs|fri|satur|sun)days)\b)",
         "_set_on", tuple(d + "s" for d in WEEKDAY_NAMES)),
        # holidays
        (r"(?i:\b(?:the\s+)?(?P<h>christmas(?:\s+(?:day|eve))?|new\s+year['’]s(?:\s+(?:day|eve))?"
         r"|independence\s+day|(?:fourth|4th)\s+of\s+july|halloween|valentine['’]s\s+day"
         r"|boxing\s+day|veterans\s+day|bastille\s+day|thanksgiving(?:\s+day)?|labor\s+day"
         rf"|memorial\s+day|election\s+day|easter(?:\s+sunday)?|good\s+friday)(?:,?\s+(?P<y>{YEAR}))?\b)",
         "_holiday", HOLIDAYS),
        # the 12th (a day of the current month)
        (r"(?i:(?:(?<=\bon\s)|(?<=\bby\s)|(?<=\buntil\s)|(?<=\bsince\s)|(?<=\bbefore\s)|(?<=\bafter\s))the\s+(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)\b(?!\s+(?:century|anniversary"
         r"|time|floor|place|day|straight|consecutive|round|largest|biggest|year)))",
         "_dayofmonth", ORDINAL_SUFFIXES),
        # PRESENT_REF / PAST_REF / FUTURE_REF
        (r"(?i:\bnow\b|\bcurrently\b|\bnowadays\b"
         r"|\bat\s+present\b|\bthe\s+present\b|\bthe\s+(?:near\s+|distant\s+|foreseeable\s+)?"
         r"future\b|\b(?:more\s+)?recently\b|\bthe\s+past\b(?!\s+(?:\w+\s+)?(?:"
         r"days?|weeks?|months?|years?|decades?|quarters?))|\brecent\s+(?:years|days|weeks|"
         r"months|decades|quarters)\b|\bcurrent\b|\brecent\b(?!\s+(?:years|days|weeks|months"
         r"|decades|quarters))|\bthese\s+days\b|\bthe\s+(?:near|short)\s+term\b"
         r"|\b(?:the\s+)?(?:coming|future)\s+(?:days|weeks|months|years|quarters)\b)", "_ref"),
        # parts of the day without a day: midday, mid-afternoon, overnight
        (r"(?i:\b(?P<per>midday|mid-?morning|mid-?afternoon|overnight)\b(?!-))",
         "_partday", ("mid", "overnight")),
        # the week, the end of the month, year's end (the current one)
        (rf"(?i:\b(?:{EDGE})?the\s+(?P<u>week|month)\b(?!s|-|\s+(?:of|ended|ending|before|after"
         r"|earlier|later|ago|and|or)\b))", "_relunit", ("week", "month")),
        (r"(?i:\b(?:around\s+)?(?P<u>year)(?:'s)?\s+end\b)", "_relunit", ("end",)),
    ]
    out: list[Pattern] = []
    for rx, name, *gate in specs:
        out.append((re.compile(rx), h[name], gate[0] if gate else None))
    return out
