"""Progress notes saved from Microsoft Word as Rich Text Format (.rtf).

The program writes its notes in a Word template and files them as RTF. What Word writes is
nothing like a small RTF control's output: ``{\\rtf1\\adeflang1025\\ansi\\ansicpg1252\\uc1
\\adeff31507\\deff0...``, a font table with theme fonts and ``\\panose`` entries, a colour
table, ``\\defchp``/``\\defpap``, a large style sheet, a list table, an ``\\info`` group,
dozens of document settings, then sections (``\\sectd``) each with ``{\\header ...}`` /
``{\\footer ...}`` groups (the clinic name; a footer with the client, a ``DATE`` field
whose result is the date the file was printed, and ``PAGE``/``NUMPAGES`` fields), and
paragraphs as ``\\pard\\plain`` with every run in its own group (``{\\rtlch\\fcs1
\\af31507 \\ltrch\\fcs0 \\b\\insrsid1234567 Time In}``).

A note has a title, the client line, a header of the service's date, name, times and
attendance (by template: a bordered Word table with ``\\clbrdr..`` and ``\\cellx``;
label/value lines with right-aligned dot-leader tabs ``\\tqr\\tldot``; or legacy
``FORMTEXT`` form fields whose results hold the values), a bulleted list of interventions
(``\\ls1``), the client's response with curly quotes (``\\ldblquote``, ``\\rquote``) and
the plan, and an electronic signature, sometimes co-signed by the clinical director, whose
name has accents (``Ren\\'e9e`` or ``Ren\\u233\\'e9e``).

Variants (seed-picked): the header template; one note per file, a week's notes per file
(each note its own section, ``\\sect`` with ``\\sbkpage``), or every note in one file. A
discharge summary in its own file states the admission and discharge dates and the
holidays the program was closed.
"""

from __future__ import annotations

import datetime as dt
import random

from core.facts import Modality
from eval.generality.model import (
    ChartFile,
    Family,
    PlannedSession,
    RenderedChart,
    Scenario,
    Staff,
    Written,
)
from eval.generality.styles_dev5 import _kit as k

DIRECTORS = (
    Staff("Renée", "Lefèvre", "PsyD"),
    Staff("José", "Ibáñez", "LCSW"),
    Staff("Chloé", "Desrosiers", "LICSW"),
    Staff("Zoë", "Hernández", "LPC"),
)
QUOTES = (
    "I actually used the breathing thing on the bus and it helped.",
    "I didn't think anyone else felt like that.",
    "It's hard to say no to my sister, but I'm going to try.",
    "I slept better this week because I kept my phone out of the bedroom.",
    "I'm still angry, but I didn't act on it.",
)
INTERVENTION_BULLETS = (
    "Reviewed homework and the skill from the previous session",
    "Psychoeducation on the cognitive triangle (thoughts, feelings, behaviors)",
    "Guided grounding exercise (5-4-3-2-1)",
    "Role play of an assertive request with peer feedback",
    "Socratic questioning to challenge all-or-nothing thinking",
    "Values clarification worksheet",
    "Reviewed the safety plan and coping card",
)

_RUN = "\\rtlch\\fcs1 \\af31507 \\ltrch\\fcs0 "
_PLAIN = (
    "\\rtlch\\fcs1 \\af31507\\afs22\\alang1025 \\ltrch\\fcs0 "
    "\\f31506\\fs22\\lang1033\\langfe1033\\cgrid\\langnp1033\\langfenp1033 "
)
_PAP = "\\widctlpar\\wrapdefault\\aspalpha\\aspnum\\faauto\\adjustright\\rin0\\lin0\\itap0 "

FONTS = (
    "{\\fonttbl{\\f0\\fbidi \\froman\\fcharset0\\fprq2{\\*\\panose 02020603050405020304}"
    "Times New Roman;}{\\f2\\fbidi \\fmodern\\fcharset0\\fprq1{\\*\\panose 02070309020205020404}"
    "Courier New;}\r\n{\\f3\\fbidi \\froman\\fcharset2\\fprq2{\\*\\panose 05050102010706020507}"
    "Symbol;}{\\f10\\fbidi \\fnil\\fcharset2\\fprq2{\\*\\panose 05000000000000000000}Wingdings;}"
    "\r\n{\\f34\\fbidi \\froman\\fcharset0\\fprq2{\\*\\panose 02040503050406030204}Cambria Math;}"
    "{\\f37\\fbidi \\fswiss\\fcharset0\\fprq2{\\*\\panose 020f0502020204030204}Calibri;}\r\n"
    "{\\flomajor\\f31500\\fbidi \\froman\\fcharset0\\fprq2{\\*\\panose 02020603050405020304}"
    "Times New Roman;}{\\fdbmajor\\f31501\\fbidi \\froman\\fcharset0\\fprq2"
    "{\\*\\panose 02020603050405020304}Times New Roman;}\r\n{\\fhimajor\\f31502\\fbidi \\fswiss"
    "\\fcharset0\\fprq2{\\*\\panose 020f0302020204030204}Calibri Light;}{\\fbimajor\\f31503"
    "\\fbidi \\froman\\fcharset0\\fprq2{\\*\\panose 02020603050405020304}Times New Roman;}\r\n"
    "{\\flominor\\f31504\\fbidi \\froman\\fcharset0\\fprq2{\\*\\panose 02020603050405020304}"
    "Times New Roman;}{\\fdbminor\\f31505\\fbidi \\froman\\fcharset0\\fprq2"
    "{\\*\\panose 02020603050405020304}Times New Roman;}\r\n{\\fhiminor\\f31506\\fbidi \\fswiss"
    "\\fcharset0\\fprq2{\\*\\panose 020f0502020204030204}Calibri;}{\\fbiminor\\f31507\\fbidi "
    "\\froman\\fcharset0\\fprq2{\\*\\panose 02020603050405020304}Times New Roman;}"
    "{\\f39\\fbidi \\froman\\fcharset238\\fprq2 Times New Roman CE;}"
    "{\\f40\\fbidi \\froman\\fcharset204\\fprq2 Times New Roman Cyr;}}"
)
COLORS = (
    "{\\colortbl;\\red0\\green0\\blue0;\\red0\\green0\\blue255;\\red0\\green255\\blue255;"
    "\\red0\\green255\\blue0;\\red255\\green0\\blue255;\\red255\\green0\\blue0;"
    "\\red255\\green255\\blue0;\\red255\\green255\\blue255;\\red0\\green0\\blue128;"
    "\\red0\\green128\\blue128;\\red0\\green128\\blue0;\\red128\\green0\\blue128;"
    "\\red128\\green0\\blue0;\\red128\\green128\\blue0;\\red128\\green128\\blue128;"
    "\\red192\\green192\\blue192;\\red31\\green56\\blue100;\\red217\\green226\\blue243;}"
)
DEFAULTS = (
    "{\\*\\defchp \\f31506\\fs22 }{\\*\\defpap \\ql \\li0\\ri0\\sa160\\sl259\\slmult1"
    "\\widctlpar\\wrapdefault\\aspalpha\\aspnum\\faauto\\adjustright\\rin0\\lin0\\itap0 }"
    "\\noqfpromote "
)


def _style(n: str, body: str, name: str, extra: str = "") -> str:
    return f"{{{n}\\ql \\li0\\ri0{extra}\\widctlpar\\wrapdefault\\aspalpha\\aspnum\\faauto" + (
        f"\\adjustright\\rin0\\lin0\\itap0 {_PLAIN}{body}{name};}}"
    )


STYLESHEET = (
    "{\\stylesheet"
    + _style("", "\\snext0 \\sqformat \\spriority0 ", "Normal", "\\sa160\\sl259\\slmult1")
    + _style(
        "\\s1",
        "\\b\\fs32\\cf17\\sbasedon0 \\snext0 \\slink15 \\sqformat \\spriority9 ",
        "heading 1",
        "\\sb240\\sl259\\slmult1\\keepn",
    )
    + _style(
        "\\s2",
        "\\b\\fs26\\cf17\\sbasedon0 \\snext0 \\slink16 \\sunhideused\\sqformat \\spriority9 ",
        "heading 2",
        "\\sb40\\sl259\\slmult1\\keepn",
    )
    + "{\\*\\cs10 \\additive \\ssemihidden \\sunhideused \\spriority1 Default Paragraph Font;}"
    "{\\*\\ts11\\tsrowd\\trftsWidthB3\\trpaddl108\\trpaddr108\\trpaddfl3\\trpaddft3\\trpaddfb3"
    "\\trpaddfr3\\tblind0\\tblindtype3\\tsvertalt\\tsbrdrt\\tsbrdrl\\tsbrdrb\\tsbrdrr"
    "\\tsbrdrdgl\\tsbrdrdgr\\tsbrdrh\\tsbrdrv \\ql \\li0\\ri0\\sa160\\sl259\\slmult1\\widctlpar"
    "\\wrapdefault\\aspalpha\\aspnum\\faauto\\adjustright\\rin0\\lin0\\itap0 "
    + _PLAIN
    + "\\snext11 \\ssemihidden \\sunhideused Normal Table;}"
    "{\\*\\cs15 \\additive \\rtlch\\fcs1 \\ab\\af31503\\afs32 \\ltrch\\fcs0 \\b\\fs32\\cf17"
    "\\sbasedon10 \\slink1 \\slocked \\spriority9 Heading 1 Char;}"
    "{\\*\\cs16 \\additive \\rtlch\\fcs1 \\ab\\af31503\\afs26 \\ltrch\\fcs0 \\b\\fs26\\cf17"
    "\\sbasedon10 \\slink2 \\slocked \\spriority9 Heading 2 Char;}"
    + _style(
        "\\s17",
        "\\sbasedon0 \\snext17 \\slink18 \\sunhideused ",
        "header",
        "\\tqc\\tx4680\\tqr\\tx9360",
    )
    + "{\\*\\cs18 \\additive \\sbasedon10 \\slink17 \\slocked Header Char;}"
    + _style(
        "\\s19",
        "\\sbasedon0 \\snext19 \\slink20 \\sunhideused ",
        "footer",
        "\\tqc\\tx4680\\tqr\\tx9360",
    )
    + "{\\*\\cs20 \\additive \\sbasedon10 \\slink19 \\slocked Footer Char;}"
    + _style(
        "\\s21",
        "\\sbasedon0 \\snext21 \\sqformat \\spriority34 \\styrsid4853291 ",
        "List Paragraph",
        "\\sa160\\sl259\\slmult1\\fi-360\\li720\\contextualspace",
    )
    + "{\\*\\ts22\\tsrowd\\trbrdrt\\brdrs\\brdrw10 \\trbrdrl\\brdrs\\brdrw10 \\trbrdrb\\brdrs"
    "\\brdrw10 \\trbrdrr\\brdrs\\brdrw10 \\trbrdrh\\brdrs\\brdrw10 \\trbrdrv\\brdrs\\brdrw10 "
    "\\trftsWidthB3\\trpaddl108\\trpaddr108\\trpaddfl3\\trpaddft3\\trpaddfb3\\trpaddfr3\\tblind0"
    "\\tblindtype3\\tsvertalt\\tsbrdrt\\tsbrdrl\\tsbrdrb\\tsbrdrr\\tsbrdrdgl\\tsbrdrdgr\\tsbrdrh"
    "\\tsbrdrv \\ql \\li0\\ri0\\widctlpar\\wrapdefault\\aspalpha\\aspnum\\faauto\\adjustright"
    "\\rin0\\lin0\\itap0 " + _PLAIN + "\\sbasedon11 \\snext22 \\spriority39 Table Grid;}"
    "{\\*\\cs23 \\additive \\ssemihidden \\spriority99 Placeholder Text;}"
    + _style("\\s24", "\\i\\fs18\\sbasedon0 \\snext0 \\sqformat \\spriority35 ", "caption")
    + "}"
)
LISTS = (
    "{\\*\\listtable{\\list\\listtemplateid-1797155618\\listhybrid{\\listlevel\\levelnfc23"
    "\\levelnfcn23\\leveljc0\\leveljcn0\\levelfollow0\\levelstartat1\\levelspace0\\levelindent0"
    "{\\leveltext\\leveltemplateid67698689\\'01\\u-3913 ?;}{\\levelnumbers;}\\f3\\fbias0 "
    "\\fi-360\\li720\\lin720 }{\\listlevel\\levelnfc23\\levelnfcn23\\leveljc0\\leveljcn0"
    "\\levelfollow0\\levelstartat1\\levelspace0\\levelindent0{\\leveltext\\leveltemplateid"
    "67698691\\'01o;}{\\levelnumbers;}\\f2\\fbias0 \\fi-360\\li1440\\lin1440 }{\\listname ;}"
    "\\listid1843542383}}\r\n{\\*\\listoverridetable{\\listoverride\\listid1843542383"
    "\\listoverridecount0\\ls1}}"
)
SETTINGS = (
    "\\paperw12240\\paperh15840\\margl1440\\margr1440\\margt1440\\margb1440\\gutter0\\ltrsect "
    "\r\n\\widowctrl\\ftnbj\\aenddoc\\trackmoves0\\trackformatting1\\donotembedsysfont1"
    "\\relyonvml0\\donotembedlingdata0\\grfdocevents0\\validatexml1\\showplaceholdtext0"
    "\\ignoremixedcontent0\\saveinvalidxml0\\showxmlerrors1\\noxlattoyen\\expshrtn\\noultrlspc"
    "\\dntblnsbdb\\nospaceforul\\formshade\\horzdoc\\dgmargin\\dghspace180\\dgvspace180"
    "\\dghorigin1440\\dgvorigin1440\\dghshow1\\dgvshow1\r\n\\jexpand\\viewkind1\\viewscale100"
    "\\pgbrdrhead\\pgbrdrfoot\\splytwnine\\ftnlytwnine\\htmautsp\\nolnhtadjtbl\\useltbaln"
    "\\alntblind\\lytcalctblwd\\lyttblrtgr\\lnbrkrule\\nobrkwrptbl\\snaptogridincell"
    "\\allowfieldendsel\\wrppunct\\asianbrkrule\\newtblstyruls\\nogrowautofit\\usenormstyforlist"
    "\\noindnmbrts\\felnbrelev\\nocxsptable\\indrlsweleven\\noafcnsttbl\\afelev\\utinl\\hwelev"
    "\\spltpgpar\\notcvasp\\notbrkcnstfrctbl\\notvatxbx\\krnprsnet\\cachedcolbal \\nouicompat "
    "\\fet0{\\*\\wgrffmtfilter 2450}\\nofeatureth\\ilfomacatclnup0"
)


def wesc(text: str, *, pairs: bool) -> str:
    """Text as Word writes it: special punctuation as control words, cp1252 characters as
    \\'xx (or \\uN\\'xx with ``pairs``), anything else as \\uN?."""
    words = {
        "\u2019": "\\rquote ",
        "\u2018": "\\lquote ",
        "\u201c": "\\ldblquote ",
        "\u201d": "\\rdblquote ",
        "\u2013": "\\endash ",
        "\u2014": "\\emdash ",
        "\t": "\\tab ",
    }
    out: list[str] = []
    for ch in text:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ch in words:
            out.append(words[ch])
        elif ord(ch) < 128:
            out.append(ch)
        else:
            try:
                b = ch.encode("cp1252")[0]
            except UnicodeEncodeError:
                code = ord(ch)
                out.append(f"\\u{code if code < 32768 else code - 65536}?")
                continue
            out.append(f"\\u{ord(ch)}\\'{b:02x}" if pairs else f"\\'{b:02x}")
    return "".join(out)


def smart(text: str) -> str:
    """Word's AutoFormat: straight apostrophes become curly."""
    return text.replace("'", "\u2019")


class WordRtf:
    """Writes a document the way Word saves RTF (every run in its own group with its rsid)."""

    def __init__(self, rng: random.Random, *, pairs: bool, new_header: bool) -> None:
        self.rng = rng
        self.pairs = pairs
        self.new_header = new_header
        self.rsids = [rng.randint(1_000_000, 16_000_000) for _ in range(6)]
        self.parts: list[str] = []
        self.form_n = rng.randint(1, 20)

    @property
    def r(self) -> int:
        return self.rsids[1]

    def x(self, text: str) -> str:
        return wesc(text, pairs=self.pairs)

    def run(self, text: str, *, b: bool = False, i: bool = False, raw: bool = False) -> str:
        fmt = ("\\b" if b else "") + ("\\i" if i else "")
        body = text if raw else self.x(text)
        return f"{{{_RUN}{fmt}\\insrsid{self.r} {body}}}"

    def end_par(self) -> str:
        return f"{{{_RUN}\\insrsid{self.r} \\par }}"

    def para(
        self,
        runs: list[str],
        *,
        style: str = "",
        align: str = "\\ql",
        extra: str = "",
        space: str = "\\sa160\\sl259\\slmult1",
    ) -> None:
        self.parts.append(
            f"\\pard\\plain \\ltrpar{style}{align} \\li0\\ri0{space}{extra}{_PAP}"
            f"\\pararsid{self.rsids[2]} {_PLAIN}" + "".join(runs) + self.end_par()
        )

    def heading(self, text: str, level: int = 1) -> None:
        self.para(
            [self.run(text)],
            style=f"\\s{level}",
            extra="\\keepn",
            space="\\sb240\\sa0\\sl259\\slmult1" if level == 1 else "\\sb40\\sa0",
        )

    def leader(self, label: str, value: str, *, raw: bool = False) -> None:
        """ "Label ............ value": a right tab with a dot leader at the margin."""
        self.para(
            [
                self.run(label, b=True),
                self.run("\\tab " + (value if raw else self.x(value)), raw=True),
            ],
            extra="\\tqr\\tldot\\tx9350",
            space="\\sa40",
        )

    def bullet(self, text: str) -> None:
        listtext = (
            f"{{\\listtext\\pard\\plain\\ltrpar \\s21 \\rtlch\\fcs1 \\af0\\afs22 \\ltrch\\fcs0 "
            f"\\f3\\fs22\\insrsid{self.r} \\loch\\af3\\dbch\\af31505\\hich\\f3 \\'b7\\tab}}"
        )
        self.parts.append(
            f"\\pard\\plain \\ltrpar\\s21\\ql \\fi-360\\li720\\ri0\\sa160\\sl259\\slmult1"
            f"\\widctlpar\\wrapdefault\\aspalpha\\aspnum\\faauto\\ls1\\adjustright\\rin0\\lin720"
            f"\\itap0\\pararsid{self.rsids[3]}\\contextualspace {_PLAIN}{listtext}"
            + self.run(text)
            + self.end_par()
        )

    def field(self, instr: str, result: str) -> str:
        """A field: its instruction and the result Word last computed (what is printed)."""
        return (
            f"{{\\field{{\\*\\fldinst {{{_RUN}\\insrsid{self.r}  {instr} }}}}"
            f"{{\\fldrslt {{{_RUN}\\lang1024\\langfe1024\\noproof\\insrsid{self.r} "
            f"{self.x(result)}}}}}}}"
        )

    def formtext(self, value: str) -> str:
        """A legacy text form field (Developer > Legacy Tools) holding ``value``."""
        self.form_n += 1
        name = f"Text{self.form_n}"
        data = "8001000000000000" + f"{len(name):02x}" + name.encode().hex() + "0" * 28
        return (
            f"{{\\field{{\\*\\fldinst {{{_RUN}\\insrsid{self.r}  FORMTEXT }}"
            f"{{{_RUN}\\insrsid{self.r} {{\\*\\datafield {data}}}{{\\*\\formfield{{\\fftype0"
            f"\\ffownhelp\\ffownstat\\fftypetxt0{{\\*\\ffname {name}}}}}}}}}}}"
            f"{{\\fldrslt {{{_RUN}\\noproof\\insrsid{self.r} {self.x(value)}}}}}}}"
        )

    def table(self, rows: list[list[str]], widths: list[int], *, header: bool = True) -> None:
        """A bordered Word table (Table Grid style), cell text given plain."""
        box = (
            "\\clvertalt\\clbrdrt\\brdrs\\brdrw10 \\clbrdrl\\brdrs\\brdrw10 "
            "\\clbrdrb\\brdrs\\brdrw10 \\clbrdrr\\brdrs\\brdrw10 \\cltxlrtb"
        )
        for n, cells in enumerate(rows):
            edges = ""
            x = -108
            for w in widths:
                x += w
                shade = "\\clcbpat18" if header and n == 0 else ""
                edges += f"{box}\\clftsWidth3\\clwWidth{w}{shade}\\clshdrawnil \\cellx{x}"
            last = "\\lastrow" if n == len(rows) - 1 else ""
            trowd = (
                f"\\trowd \\irow{n}\\irowband{n}{last}\\ltrrow\\ts22\\trgaph108\\trleft-108"
                "\\trbrdrt\\brdrs\\brdrw10 \\trbrdrl\\brdrs\\brdrw10 \\trbrdrb\\brdrs\\brdrw10 "
                "\\trbrdrr\\brdrs\\brdrw10 \\trbrdrh\\brdrs\\brdrw10 \\trbrdrv\\brdrs\\brdrw10 "
                "\\trftsWidth1\\trftsWidthB3\\trftsWidthA3\\trautofit1\\trpaddl108\\trpaddr108"
                f"\\trpaddfl3\\trpaddft3\\trpaddfb3\\trpaddfr3\\tblrsid{self.rsids[4]}"
                "\\tbllkhdrrows\\tbllklastrow\\tbllkhdrcols\\tbllklastcol\\tblind0\\tblindtype3 "
                + edges
            )
            if n == 0:
                self.parts.append(trowd)
            cell_runs = "".join(
                self.run(c, b=header and n == 0) + f"{{{_RUN}\\insrsid{self.r} \\cell }}"
                for c in cells
            )
            self.parts.append(
                "\\pard\\plain \\ltrpar\\ql \\li0\\ri0\\widctlpar\\intbl\\wrapdefault\\aspalpha"
                f"\\aspnum\\faauto\\adjustright\\rin0\\lin0 {_PLAIN}{cell_runs}"
            )
            self.parts.append(
                "\\pard\\plain \\ltrpar\\ql \\li0\\ri0\\sa160\\sl259\\slmult1\\widctlpar\\intbl"
                f"\\wrapdefault\\aspalpha\\aspnum\\faauto\\adjustright\\rin0\\lin0 {_PLAIN}"
                f"{{{_RUN}\\insrsid{self.r} {trowd}\\row }}"
            )

    def section(self, header: list[str], footer: list[str], *, first: bool) -> None:
        """Start a section (a page break before it unless ``first``) with its header and
        footer paragraphs (already-built runs)."""
        if not first:
            self.parts.append(
                f"\\pard\\plain \\ltrpar\\ql \\li0\\ri0\\sa160\\sl259\\slmult1{_PAP}{_PLAIN}"
                f"{{{_RUN}\\insrsid{self.r} \\sect }}"
            )
        brk = "" if first else "\\sbkpage"
        self.parts.append(
            f"\\sectd \\ltrsect{brk}\\linex0\\headery708\\footery708\\colsx708\\endnhere"
            f"\\sectlinegrid360\\sectdefaultcl\\sectrsid{self.rsids[5]}\\sftnbj "
        )
        h, f = ("\\headerr", "\\footerr") if self.new_header else ("\\header", "\\footer")
        for group, (style, paras) in ((h, ("\\s17", header)), (f, ("\\s19", footer))):
            inner = "".join(
                f"\\pard\\plain \\ltrpar{style}\\qc \\li0\\ri0\\widctlpar\\tqc\\tx4680\\tqr"
                f"\\tx9360\\wrapdefault\\aspalpha\\aspnum\\faauto\\adjustright\\rin0\\lin0"
                f"\\itap0 {_PLAIN}{p}{self.end_par()}"
                for p in paras
            )
            self.parts.append(f"{{{group} \\ltrpar {inner}}}")

    def document(self, *, title: str, author: str, company: str, created: dt.datetime) -> str:
        def stamp(tag: str, t: dt.datetime) -> str:
            return f"{{\\{tag}\\yr{t.year}\\mo{t.month}\\dy{t.day}\\hr{t.hour}\\min{t.minute}}}"

        revised = created + dt.timedelta(minutes=self.rng.randint(5, 300))
        rsidtbl = "{\\*\\rsidtbl " + "".join(f"\\rsid{r}" for r in sorted(self.rsids)) + "}"
        info = (
            f"{{\\info{{\\title {self.x(title)}}}{{\\author {self.x(author)}}}"
            f"{{\\operator {self.x(author)}}}{stamp('creatim', created)}"
            f"{stamp('revtim', revised)}{{\\version{self.rng.randint(2, 9)}}}"
            f"{{\\edmins{self.rng.randint(3, 60)}}}{{\\nofpages{self.rng.randint(1, 3)}}}"
            f"{{\\nofwords{self.rng.randint(250, 900)}}}"
            f"{{\\nofchars{self.rng.randint(1500, 5000)}}}"
            f"{{\\*\\company {self.x(company)}}}{{\\nofcharsws{self.rng.randint(1800, 5900)}}}"
            f"{{\\vern{self.rng.choice((57445, 115, 117))}}}}}"
        )
        head = (
            "{\\rtf1\\adeflang1025\\ansi\\ansicpg1252\\uc1\\adeff31507\\deff0\\stshfdbch31505"
            "\\stshfloch31506\\stshfhich31506\\stshfbi31507\\deflang1033\\deflangfe1033"
            "\\themelang1033\\themelangfe0\\themelangcs0"
            + FONTS
            + "\r\n"
            + COLORS
            + DEFAULTS
            + STYLESHEET
            + "\r\n"
            + LISTS
            + "\r\n"
            + rsidtbl
            + "{\\mmathPr\\mmathFont34\\mbrkBin0\\mbrkBinSub0\\msmallFrac0\\mdispDef1\\mlMargin0"
            "\\mrMargin0\\mdefJc1\\mwrapIndent1440\\mintLim0\\mnaryLim1}"
            + info
            + "{\\*\\xmlnstbl {\\xmlns1 http://schemas.microsoft.com/office/word/2003/wordml}}\r\n"
            + SETTINGS
            + f"\\rsidroot{self.rsids[0]}\r\n"
        )
        return head + "\r\n".join(self.parts) + "\r\n{\\*\\themedata 0100000000}}\r\n"


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    grouping = ("per_note", "per_week", "single")[scn.seed % 3]
    template = ("table", "leaders", "formfields", "leaders")[scn.seed % 4]
    pairs = rng.random() < 0.5
    new_header = rng.random() < 0.5
    show_location = rng.random() < 0.6
    show_census = rng.random() < 0.5
    cosign = rng.random() < 0.6
    director = rng.choice(DIRECTORS)
    date_picture = rng.choice(("M/d/yyyy", "MMMM d, yyyy", "dddd, MMMM d, yyyy"))
    member = scn.member
    sessions = k.services(scn)
    printed = k.later(scn.discharge_date, rng, 5, 40)
    address = rng.choice(
        (
            "1420 Mill Street, Suite 300",
            "88 Harbor Point Drive, Building B",
            "2301 W. Prairie Avenue, 2nd Floor",
        )
    )
    phone = f"({rng.randint(201, 989)}) {rng.randint(200, 989)}-{rng.randint(1000, 9999)}"
    dash = "\u2013"

    def printed_text() -> str:
        if date_picture == "M/d/yyyy":
            return f"{printed.month}/{printed.day}/{printed.year}"
        if date_picture == "MMMM d, yyyy":
            return k.long_date(printed)
        return f"{k.WEEKDAYS[printed.weekday()]}, {k.long_date(printed)}"

    def start_section(w: WordRtf, *, first: bool) -> None:
        header = [
            w.run(scn.program.upper(), b=True),
            w.run(f"{address} \u2022 {phone}", raw=False),
        ]
        date_field = w.field(f'DATE \\\\@ "{date_picture}" \\\\* MERGEFORMAT', printed_text())
        footer = [
            w.run(f"{member.last}, {member.first} (MRN {member.member_id})")
            + w.run("\\tab ", raw=True)
            + w.run("Printed ")
            + date_field
            + w.run("\\tab Page ", raw=True)
            + w.field("PAGE   \\\\* MERGEFORMAT", "1")
            + w.run(" of ")
            + w.field("NUMPAGES   \\\\* MERGEFORMAT", str(rng.randint(1, 3))),
            w.run("CONFIDENTIAL: protected by 42 CFR Part 2 and HIPAA", i=True),
        ]
        w.section(header, footer, first=first)

    def note(w: WordRtf, s: PlannedSession) -> None:
        code, _, _ = k.billing_code(s)
        staff = k.rendering_staff(scn, s)
        a, b = k.session_span(s)
        title = "Missed Session Note"
        if s.attended:
            title = f"{k.generic_label(s.kind)} Progress Note"
        w.heading(title, 1)
        w.para(
            [
                w.run("Client: ", b=True),
                w.run(f"{member.first} {member.last}"),
                w.run("\\tab ", raw=True),
                w.run("DOB: ", b=True),
                w.run(k.mdy(member.date_of_birth)),
                w.run("\\tab ", raw=True),
                w.run("MRN: ", b=True),
                w.run(member.member_id),
            ],
            extra="\\tx4320\\tx7200",
        )
        service = f"{code} {dash} {k.service_label(s)}"
        attendance = k.attendance_word(s.attendance, s.index % 4)
        late_note = ""
        if s.attended and s.member_start is not None:
            late_note = f"Client arrived late at {k.t12(s.member_start)}."
        elif s.attended and s.member_end is not None:
            late_note = f"Client left early at {k.t12(s.member_end)}."
        if template == "table":
            if s.attended:
                total = f"{int(s.minutes)} min"
                tin, tout = k.t12(a), k.t12(b)
            else:
                total, tin, tout = "", "", ""
            w.table(
                [
                    ["Date of Service", "Service", "Scheduled", "Time In", "Time Out", "Total"],
                    [
                        k.mdy(s.date),
                        service,
                        f"{k.t12(s.start)}{dash}{k.t12(s.end)}",
                        tin,
                        tout,
                        total,
                    ],
                ],
                [1500, 3000, 1900, 1050, 1050, 860],
            )
            w.leader("Attendance", attendance)
        elif template == "leaders":
            w.leader("Date of Service", k.mdy(s.date))
            w.leader("Service", service)
            if s.attended:
                w.leader("Time In", k.t12(a))
                w.leader("Time Out", k.t12(b))
            else:
                w.leader("Scheduled", f"{k.t12(s.start)} {dash} {k.t12(s.end)}")
            w.leader("Attendance", attendance)
        else:
            minutes = int(s.minutes if s.attended else s.scheduled_minutes)
            w.para(
                [
                    w.run("Date of Service: ", b=True),
                    w.formtext(k.mdy(s.date)),
                    w.run("\\tab ", raw=True),
                    w.run("Start Time: " if s.attended else "Scheduled Start: ", b=True),
                    w.formtext(k.t12(a if s.attended else s.start)),
                    w.run("\\tab ", raw=True),
                    w.run("Duration (min): " if s.attended else "Scheduled (min): ", b=True),
                    w.formtext(str(minutes)),
                ],
                extra="\\tx3600\\tx6480",
            )
            w.para(
                [
                    w.run("Service: ", b=True),
                    w.formtext(service),
                    w.run("\\tab ", raw=True),
                    w.run("Attendance: ", b=True),
                    w.formtext(attendance),
                ],
                extra="\\tx6480",
            )
        if show_location and s.attended:
            where = (
                "Telehealth (video) \u2013 POS 10"
                if s.modality is Modality.VIDEO
                else "In person \u2013 POS 11"
            )
            w.leader("Location", where)
        who = "; ".join(k.staff_full(x) for x in staff)
        w.leader("Facilitator(s)" if s.is_group else "Clinician", who)
        if show_census and s.is_group and s.attended and s.group_size:
            w.leader("Clients in group", str(s.group_size))
        w.heading("Session Content", 2)
        if s.attended:
            story = k.narrative(rng, s)
            if late_note:
                story = f"{late_note} {story}"
            w.para([w.run(smart(story))])
            if k.counted_kind(s.kind):
                w.para([w.run("Interventions:", b=True)], space="\\sa40")
                for text in rng.sample(INTERVENTION_BULLETS, 3):
                    w.bullet(text)
                quote = smart(k.pick(rng, QUOTES))
                w.para(
                    [
                        w.run("Response: ", b=True),
                        w.run(
                            f"Client stated, \u201c{quote}\u201d {smart(k.pick(rng, k.RESPONSE))}"
                        ),
                    ]
                )
                w.para([w.run("Plan: ", b=True), w.run(smart(k.pick(rng, k.PLAN)))])
        else:
            w.para([w.run(smart(k.absence_sentence(s)))])
            w.para([w.run("Plan: ", b=True), w.run("Continue IOP schedule; outreach per policy.")])
        signed = k.signed_after(rng, s, 0, 2)
        w.para(
            [
                w.run(
                    f"Electronically signed by {k.staff_full(staff[0])} on "
                    f"{k.mdy(signed.date())} at {k.t12(signed.time())}",
                    i=True,
                )
            ],
            space="\\sb120\\sa0",
        )
        if cosign and k.counted_kind(s.kind):
            w.para(
                [
                    w.run(
                        f"Reviewed and co-signed: {k.staff_full(director)}, Clinical Director",
                        i=True,
                    )
                ],
                space="\\sa160",
            )

    safe = member.last.encode("ascii", "ignore").decode()
    files: list[ChartFile] = []
    file_of: dict[int, str] = {}

    def write(name: str, members: list[PlannedSession]) -> None:
        w = WordRtf(rng, pairs=pairs, new_header=new_header)
        for n, s in enumerate(members):
            start_section(w, first=n == 0)
            note(w, s)
            file_of[s.index] = name
        author = k.rendering_staff(scn, members[0])[0].name
        created = dt.datetime.combine(members[0].date, dt.time(rng.randint(8, 17), 5))
        text = w.document(
            title=f"IOP Progress Note{'s' if len(members) > 1 else ''}",
            author=author,
            company=scn.program,
            created=created,
        )
        files.append(ChartFile(name, text.encode("ascii")))

    if grouping == "per_note":
        for s in sessions:
            write(f"{safe}_{s.date:%Y-%m-%d}_{k.t24(s.start, colon=False)}.rtf", [s])
    elif grouping == "per_week":
        weeks: dict[int, list[PlannedSession]] = {}
        for s in sessions:
            weeks.setdefault((s.date - scn.admission_date).days // 7, []).append(s)
        for n, members in sorted(weeks.items()):
            write(f"{safe}_IOP_Week{n + 1}_{members[0].date:%m%d%Y}.rtf", members)
    else:
        write(f"{safe}_{member.member_id}_IOP_ProgressNotes.rtf", sessions)

    # ---- discharge summary
    w = WordRtf(rng, pairs=pairs, new_header=new_header)
    start_section(w, first=True)
    w.heading("Discharge Summary \u2013 Intensive Outpatient Program", 1)
    w.leader("Client", f"{member.first} {member.last}")
    w.leader("Admission Date", k.mdy(scn.admission_date))
    w.leader("Discharge Date", k.mdy(scn.discharge_date))
    w.leader("Diagnosis", f"{scn.diagnosis_code} {scn.diagnosis_name}")
    w.heading("Course of Treatment", 2)
    w.para(
        [
            w.run(
                smart(
                    "Client completed the program. Attendance, times and participation for each "
                    "session are documented in the session notes."
                )
            )
        ]
    )
    if scn.closed_days:
        w.para([w.run("Program closures (no services scheduled):", b=True)], space="\\sa40")
        for d in scn.closed_days:
            w.bullet(smart(f"{k.mdy(d)} \u2013 {k.holiday_name(d)}"))
    w.para([w.run("Discharge plan: ", b=True), w.run("Step down to weekly outpatient therapy.")])
    dc_signed = k.later(scn.discharge_date, rng, 0, 3)
    w.para(
        [
            w.run(
                f"Electronically signed by {k.staff_full(scn.therapists[0])} on {k.mdy(dc_signed)}",
                i=True,
            )
        ]
    )
    if cosign:
        w.para([w.run(f"Co-signed: {k.staff_full(director)}, Clinical Director", i=True)])
    files.append(
        ChartFile(
            f"{safe}_Discharge_Summary.rtf",
            w.document(
                title="Discharge Summary",
                author=scn.therapists[0].name,
                company=scn.program,
                created=dt.datetime.combine(dc_signed, dt.time(16, 10)),
            ).encode("ascii"),
        )
    )

    written = [
        Written(
            session=s.index,
            files=(file_of[s.index],),
            states_modality=show_location and s.attended,
            states_group_size=show_census and s.attended and s.is_group,
            states_facilitators=True,
        )
        for s in sessions
    ]
    return RenderedChart(
        files=tuple(files),
        written=tuple(written),
        admission_stated=True,
        discharge_stated=True,
        latest_document_date=dc_signed,
    )


FAMILY = Family(
    name="d5-word-rtf-notes",
    split="dev",
    description=(
        "Progress notes saved from Microsoft Word as RTF: theme font table, large style "
        "sheet, list table, info group and settings; sections with headers and footers "
        "(DATE, PAGE and NUMPAGES fields); header data in bordered tables, dot-leader tab "
        "lines or legacy FORMTEXT fields; bulleted interventions; curly quotes and accented "
        "names as \\'e9 or \\u233\\'e9; one note per file or many separated by \\sect."
    ),
    conventions=(
        "{\\rtf1\\adeflang1025\\ansi\\ansicpg1252\\uc1\\adeff31507... Word preamble",
        "every run in its own {\\rtlch\\fcs1 ... \\insrsidN text} group",
        "{\\header}/{\\headerr} with the clinic name, footer with a DATE field (print date)",
        "PAGE / NUMPAGES fields in the footer",
        "bordered table \\clbrdrt..\\cellx with Date / Scheduled / Time In / Time Out / Total",
        "Label \\tab value with \\tqr\\tldot dot leaders",
        "legacy FORMTEXT fields whose \\fldrslt holds the value",
        "bulleted list \\ls1 with {\\listtext \\'b7\\tab}",
        "\\rquote, \\ldblquote, \\endash; \\'e9 or \\u233\\'e9 accents",
        "notes separated by \\sect \\sectd\\sbkpage",
    ),
    render=render,
)
