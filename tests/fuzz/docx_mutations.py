"""Deterministic mutants of a .docx: damage at the zip level and, more productively, in the XML.

`make_mutant(source, index)` depends only on the file's bytes, its name and the index, so any
mutant the fuzz test reports is rebuilt byte for byte with

    .venv/bin/python -m tests.fuzz.docx_mutations <corpus file name> <index> <out.docx>

Zip level: truncate, flip bytes, duplicate / drop / empty / rename a member, swap two members,
corrupt a local header or the central directory. XML level: one part of the package (the main
document mostly; also styles, numbering, notes, comments, [Content_Types].xml and the
relationships) is parsed and changed once: an element deleted, duplicated or moved, an
attribute set to a hostile value, a WordprocessingML fragment inserted, a relationship deleted
or retargeted, elements nested very deeply, a DTD with entities added, or the XML broken.
"""

from __future__ import annotations

import copy
import io
import posixpath
import random
import sys
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from munpress.readers.docx.ooxml import NAMESPACES

NS = NAMESPACES  # the reader's own prefixes: a mutant speaks the XML it reads
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
DECLARATIONS = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NS.items())
PASSWD_CANARY = "root:x:0:0"  # what /etc/passwd would put in the text if an entity resolved

# --- values and fragments ---------------------------------------------------------------

HOSTILE_VALUES = (
    "999999", "-1", "0", "1", "2", "8", "9", "10", "abc", "", " ", "-2147483649", "4294967296",
    "9" * 25, "9" * 5000, "1e309", "-1e309", "nan", "inf", "0x10", "1.5", " 3 ", "restart",
    "continue", "page", "column", "begin", "separate", "end", "drop", "margin",
    "%1%2%3%4%5%6%7%8%9", "%0%10%", "\u202eҢӨҮ\u0301", "ж" * 20000, "rId1", "rId2", "rId999",
    "../../../etc/passwd", "Symbol", "Wingdings", "FFFFFFFF", "FFFFFFFFFFFFFFFFFFFF", "110000", "D800", "DFFF", "F0B7",
    "0041", "true", "false", "on", "off", "Heading1", "Normal", "bullet", "lowerLetter",
    "upperRoman", "russianLower", "decimalZero", "none", "superscript", 'HYPERLINK "http://x.kg"',
    'HYPERLINK \\l "a"', "HYPERLINK", "wps", "w14 wps", "undeclared",
)
TARGETS = (
    "", "/", "missing.xml", "../../../../etc/passwd", "word/", "%", "%ZZ", "document.xml",
    "/word/document.xml", "styles.xml", "media", "http://example.com/x.png", "file:///etc/passwd",
    "\\word\\document.xml", "a b.xml", "#frag", "../[Content_Types].xml", "_rels/.rels",
)
RELATIONSHIP_TYPES = tuple(RT + kind for kind in (
    "officeDocument", "styles", "numbering", "footnotes", "endnotes", "comments", "image",
    "hyperlink", "aFChunk", "settings")) + ("", "bogus")
CONTENT_TYPES = (
    "", "text/plain", "image/png", "application/xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
)
PART_NAMES = ("", "/", "/word/document.xml", "/word/styles.xml", "/word/footnotes.xml", "word/x.xml",
              "/WORD/DOCUMENT.XML", "/word/missing.xml")
ATTRIBUTE_VALUES = {"Target": TARGETS, "Type": RELATIONSHIP_TYPES, "TargetMode": ("External", "Internal", "x"),
                    "ContentType": CONTENT_TYPES, "PartName": PART_NAMES, "Extension": ("xml", "rels", "", "png")}
KNOWN_ATTRIBUTES = (
    "w:val", "w:id", "w:ilvl", "w:numId", "w:abstractNumId", "r:id", "r:embed", "r:link", "w:type",
    "w:fldCharType", "w:char", "w:font", "w:styleId", "w:default", "w:customMarkFollows", "w:dropCap",
    "w:instr", "Requires", "w:ascii", "w:hAnsi", "o:relid", "o:href", "style", "cx", "cy", "uri",
    "descr", "xml:space",
)

DOCUMENT_FRAGMENTS = (
    '<w:ins w:id="901" w:author="f"><w:r><w:t>кошулган</w:t></w:r></w:ins>',
    '<w:del w:id="902"><w:r><w:delText>өчүрүлгөн</w:delText></w:r></w:del>',
    '<w:moveFrom><w:r><w:t>from</w:t></w:r></w:moveFrom>',
    '<w:moveTo><w:r><w:t>to</w:t></w:r></w:moveTo>',
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
    '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    '<w:r><w:fldChar w:fldCharType="begin"/><w:instrText>HYPERLINK "http://mun.kg" \\o</w:instrText></w:r>',
    '<w:r><w:instrText>HYPERLINK \\l "x" \\t</w:instrText></w:r>',
    '<w:fldSimple w:instr="HYPERLINK \\o"><w:r><w:t>simple</w:t></w:r></w:fldSimple>',
    '<w:sdt><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>sdt</w:t></w:r></w:p></w:sdtContent></w:sdt>',
    '<w:sdt><w:sdtContent><w:r><w:t>sdt run</w:t></w:r></w:sdtContent></w:sdt>',
    '<w:sdt/>',
    '<w:txbxContent><w:p><w:r><w:t>кутуча</w:t></w:r></w:p></w:txbxContent>',
    '<w:r><w:footnoteReference w:id="77777"/></w:r>',
    '<w:r><w:footnoteReference/></w:r>',
    '<w:r><w:endnoteReference w:id="-1"/></w:r>',
    '<w:r><w:footnoteReference w:id="1" w:customMarkFollows="1"/><w:t>*</w:t></w:r>',
    '<w:r><w:footnoteReference w:id="0"/><w:endnoteReference w:id="1"/></w:r>',
    '<w:r><w:drawing><wp:inline><wp:extent cx="-5" cy="1e309"/><wp:docPr id="1" descr="x"/><a:graphic>'
    '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:blipFill>'
    '<a:blip r:embed="rId9999"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>',
    '<w:r><w:drawing><wp:inline><wp:extent cx="99999999999999999999" cy="abc"/><a:graphic><a:graphicData>'
    '<pic:pic><pic:blipFill><a:blip r:embed="rId1"/></pic:blipFill></pic:pic><pic:pic><pic:blipFill>'
    '<a:blip r:link="rId2"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>',
    '<w:r><w:drawing><wp:anchor><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
    '<wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>box</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp>'
    '</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>',
    '<w:r><w:drawing/></w:r>',
    '<w:r><w:pict><v:shape style="width:1e309pt;height:-3in"><v:imagedata r:id="rId4242" o:title="x"/>'
    '</v:shape></w:pict></w:r>',
    '<w:r><w:pict><v:shape style="width:abc;height:;:"><v:imagedata o:relid="rId1" o:href="file:///C:/x.png"/>'
    '</v:shape></w:pict></w:r>',
    '<w:r><w:object><v:imagedata r:id=""/></w:object></w:r>',
    '<w:r><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:footnoteReference w:id="1"/></w:r></w:p>'
    '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>in box</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
    '</w:txbxContent></v:textbox></v:shape></w:pict></w:r>',
    '<w:r><w:sym w:font="Symbol" w:char="F0B7"/></w:r>',
    '<w:r><w:sym w:font="Wingdings" w:char="zz"/><w:sym w:char="D800"/><w:sym w:char="110000"/><w:sym/>'
    '<w:sym w:char="FFFFFFFFFFFFFFFFFFFF"/></w:r>',
    '<w:r><w:sym w:font="Symbol" w:char="-F0B7"/><w:sym w:font="Webdings" w:char="F0FF"/></w:r>',
    '<w:r><w:br w:type="page"/><w:br/><w:cr/></w:r>',
    '<w:r><w:tab/><w:softHyphen/><w:noBreakHyphen/><w:ptab/><w:t/></w:r>',
    '<mc:AlternateContent><mc:Choice Requires="wps"><w:r><w:t>choice</w:t></w:r></mc:Choice>'
    '<mc:Fallback><w:r><w:t>fallback</w:t></w:r></mc:Fallback></mc:AlternateContent>',
    '<mc:AlternateContent><mc:Choice Requires="undeclared"/></mc:AlternateContent>',
    '<mc:AlternateContent/>',
    '<w:hyperlink r:id="rId9999"><w:r><w:t>link</w:t></w:r></w:hyperlink>',
    '<w:hyperlink r:id="rId1" w:anchor="x"><w:r><w:t>link</w:t></w:r></w:hyperlink>',
    '<w:altChunk r:id="rId1"/>',
    '<w:commentRangeStart w:id="5"/>',
    '<w:r><w:commentReference w:id="99"/></w:r>',
    '<m:oMathPara><m:oMath><m:r><m:t>x=1</m:t></m:r></m:oMath></m:oMathPara>',
    '<m:oMath/>',
    '<w:p><w:pPr><w:framePr w:dropCap="drop"/></w:pPr><w:r><w:t>Б</w:t></w:r></w:p>',
    '<w:p><w:pPr><w:numPr><w:ilvl w:val="999999"/><w:numId w:val="1"/></w:numPr></w:pPr>'
    '<w:r><w:t>list</w:t></w:r></w:p>',
    '<w:p><w:pPr><w:numPr><w:ilvl w:val="-5"/><w:numId w:val="-1"/></w:numPr></w:pPr><w:r><w:t>list</w:t></w:r></w:p>',
    '<w:p><w:pPr><w:numPr><w:ilvl w:val="1e309"/><w:numId w:val="abc"/></w:numPr></w:pPr><w:r><w:t>x</w:t></w:r></w:p>',
    '<w:p><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr><w:r><w:t>item</w:t></w:r></w:p>',
    '<w:p><w:pPr><w:outlineLvl w:val="-3"/></w:pPr><w:r><w:t>outline</w:t></w:r></w:p>',
    '<w:p><w:pPr><w:outlineLvl w:val="99999999999999999999"/></w:pPr><w:r><w:t>outline</w:t></w:r></w:p>',
    '<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:rPr><w:del w:id="1"/></w:rPr></w:pPr>'
    '<w:r><w:t>deleted mark</w:t></w:r></w:p>',
    '<w:p><w:pPr><w:rPr><w:ins/><w:moveTo/></w:rPr></w:pPr></w:p>',
    '<w:p><w:pPr><w:pStyle w:val="nonexistent"/></w:pPr><w:r><w:t>styled</w:t></w:r></w:p>',
    '<w:r><w:rPr><w:rStyle w:val="missing"/><w:vanish/><w:b w:val="0"/><w:u/><w:vertAlign w:val="superscript"/>'
    '<w:rFonts w:ascii="Symbol"/></w:rPr><w:t>abc</w:t></w:r>',
    '<w:r><w:rPr><w:rFonts w:ascii="Wingdings" w:hAnsi="Symbol"/></w:rPr><w:t>l\uf0b7z\u00ff\uf0ff</w:t></w:r>',
    '<w:r><w:rPr><w:vanish w:val="0"/><w:strike/><w:dstrike w:val="off"/></w:rPr><w:t>visible</w:t></w:r>',
    '<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge/><w:gridSpan w:val="0"/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>',
    '<w:tbl/>',
    '<w:tbl><w:tr/></w:tbl>',
    '<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val="continue"/></w:tcPr><w:p><w:r><w:t>c</w:t></w:r></w:p></w:tc>'
    '</w:tr><w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>d</w:t></w:r></w:p></w:tc>'
    '</w:tr></w:tbl>',
    '<w:tr><w:trPr><w:gridBefore w:val="999999"/><w:gridAfter w:val="-1"/></w:trPr><w:tc><w:p><w:r><w:t>cell</w:t>'
    '</w:r></w:p></w:tc></w:tr>',
    '<w:tr><w:trPr><w:del/></w:trPr><w:tc><w:p><w:r><w:t>deleted row</w:t></w:r></w:p></w:tc></w:tr>',
    '<w:tr><w:trPr><w:gridBefore w:val="99999999999999999999"/><w:gridAfter w:val="1e309"/></w:trPr>'
    '<w:tc><w:p><w:r><w:t>cell</w:t></w:r></w:p></w:tc></w:tr>',
    '<w:tc><w:tcPr><w:gridSpan w:val="1e309"/><w:vMerge w:val="restart"/></w:tcPr>'
    '<w:p><w:r><w:t>c</w:t></w:r></w:p></w:tc>',
    '<w:tc><w:tcPr><w:gridSpan w:val="2147483647"/></w:tcPr><w:p><w:r><w:t>wide</w:t></w:r></w:p></w:tc>',
    '<w:tc/>',
    '<w:body><w:p><w:r><w:t>another body</w:t></w:r></w:p></w:body>',
    '<w:customXml><w:p><w:r><w:t>custom</w:t></w:r></w:p></w:customXml>',
    '<w:smartTag><w:r><w:t>smart</w:t></w:r></w:smartTag>',
    '<w:bdo><w:dir><w:r><w:t>dir</w:t></w:r></w:dir></w:bdo>',
    '<w:r><w:t xml:space="preserve">   </w:t></w:r>',
    '<w:r><w:t>\u00a0\u2011\u00ad\u202f\ufeff\u0301</w:t></w:r>',
    '<w:p/>',
    '<w:r/>',
    '<w:sectPr/>',
)
STYLE_FRAGMENTS = (
    '<w:style w:type="paragraph" w:styleId="Loop"><w:name w:val="heading 1"/><w:basedOn w:val="Loop"/></w:style>',
    '<w:style w:type="paragraph" w:styleId="Normal" w:default="1"><w:name w:val=""/><w:basedOn w:val="Normal"/>'
    '<w:pPr><w:numPr><w:numId w:val="1"/><w:ilvl w:val="999"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>',
    '<w:style w:type="paragraph" w:styleId="Drop" w:default="1"><w:pPr><w:framePr w:dropCap="drop"/></w:pPr></w:style>',
    '<w:style w:type="character" w:styleId="C"><w:rPr><w:vanish/><w:b/></w:rPr></w:style>',
    '<w:style/>',
    '<w:style w:styleId=""/>',
    '<w:docDefaults><w:rPrDefault><w:rPr><w:vanish/></w:rPr></w:rPrDefault></w:docDefaults>',
    '<w:style w:type="numbering" w:styleId="NumStyle"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>',
    '<w:style w:type="paragraph" w:styleId="A"><w:basedOn w:val="B"/></w:style>',
    '<w:style w:type="paragraph" w:styleId="B"><w:name w:val="Title"/><w:basedOn w:val="A"/></w:style>',
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="1e309"/>'
    '<w:numPr><w:ilvl w:val="99999999999999999999"/></w:numPr></w:pPr></w:style>',
)
NUMBERING_FRAGMENTS = (
    '<w:abstractNum w:abstractNumId="0"><w:numStyleLink w:val="NumStyle"/></w:abstractNum>',
    '<w:abstractNum w:abstractNumId="1"><w:styleLink w:val="NumStyle"/>'
    '<w:numStyleLink w:val="Heading1"/></w:abstractNum>',
    '<w:num w:numId="1"><w:abstractNumId w:val="424242"/></w:num>',
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="99">'
    '<w:startOverride w:val="99999999999999999999"/></w:lvlOverride></w:num>',
    '<w:lvl w:ilvl="0"><w:start w:val="99999999999999999999"/><w:numFmt w:val="lowerLetter"/>'
    '<w:lvlText w:val="%1%9"/><w:lvlRestart w:val="-1"/></w:lvl>',
    '<w:lvl w:ilvl="0"><w:start w:val="999999999"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>',
    '<w:lvl w:ilvl="0"><w:start w:val="-7"/><w:numFmt w:val="russianUpper"/><w:lvlText w:val="%1."/><w:isLgl/></w:lvl>',
    '<w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl>',
    '<w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:start w:val="1e309"/></w:lvl></w:lvlOverride>',
    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="123456789012"/></w:lvlOverride>',
    '<w:num w:numId="0"><w:abstractNumId w:val="0"/></w:num>',
    '<w:num/>',
    '<w:abstractNum/>',
    '<w:lvl><w:lvlText/><mc:AlternateContent><mc:Fallback><w:numFmt w:val="russianUpper"/></mc:Fallback>'
    '</mc:AlternateContent></w:lvl>',
)
NOTE_FRAGMENTS = (
    '<w:footnote w:id="1"><w:p><w:r><w:footnoteReference w:id="1"/></w:r></w:p></w:footnote>',
    '<w:footnote w:id="2"><w:p><w:r><w:footnoteReference w:id="3"/><w:endnoteReference w:id="3"/></w:r></w:p>'
    '</w:footnote>',
    '<w:endnote w:id="1"><w:p><w:r><w:endnoteReference w:id="1"/><w:footnoteReference w:id="2"/></w:r></w:p>'
    '</w:endnote>',
    '<w:footnote w:type="separator" w:id="1"/>',
    '<w:footnote/>',
    '<w:endnote w:id="1"><w:tbl><w:tr><w:tc><w:p><w:r><w:t>t</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:endnote>',
    '<w:footnote w:id="1"><w:p><w:r><w:drawing><wp:inline><a:graphic><a:graphicData><pic:pic><pic:blipFill>'
    '<a:blip r:embed="rId1"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>'
    '</w:footnote>',
    '<w:comment w:id="5"><w:p><w:r><w:t>comment</w:t></w:r></w:p></w:comment>',
)
RELATIONSHIP_FRAGMENTS = tuple(
    f'<Relationship xmlns="{RELS_NS}" {attributes}/>' for attributes in (
        f'Id="rId1" Type="{RT}officeDocument" Target="word/document.xml"',
        f'Id="rIdF" Type="{RT}footnotes" Target="document.xml"',
        f'Id="rIdS" Type="{RT}styles" Target="../[Content_Types].xml"',
        f'Id="rIdM" Type="{RT}image" Target="media/missing.png"',
        f'Id="rIdN" Type="{RT}numbering" Target="/word/document.xml"',
        f'Id="rIdE" Type="{RT}endnotes" Target=""',
        f'Id="rIdP" Type="{RT}footnotes" Target="%zz"',
        f'Id="rIdX" Type="{RT}styles" Target="http://example.com/s.xml" TargetMode="External"',
        f'Id="rIdH" Type="{RT}hyperlink" Target="footnotes.xml"',
        f'Id="rIdR" Type="{RT}officeDocument" Target="../_rels/.rels"',
        "",
    )
)
CONTENT_TYPE_FRAGMENTS = tuple(
    f'<{element} xmlns="{TYPES_NS}" {attributes}/>' for element, attributes in (
        ("Override", 'PartName="/word/document.xml" ContentType="text/plain"'),
        ("Override", 'PartName="/word/styles.xml" ContentType="image/png"'),
        ("Override", f'PartName="/word/footnotes.xml" ContentType="{CONTENT_TYPES[4]}"'),
        ("Override", f'PartName="/word/styles.xml" ContentType="{CONTENT_TYPES[6]}"'),
        ("Default", 'Extension="xml" ContentType="application/xml"'),
        ("Default", 'Extension="" ContentType=""'),
        ("Override", 'PartName="" ContentType=""'),
        ("Override", ""),
        ("Default", ""),
    )
)
FRAGMENTS = {"document": DOCUMENT_FRAGMENTS, "styles": STYLE_FRAGMENTS + DOCUMENT_FRAGMENTS[:20],
             "numbering": NUMBERING_FRAGMENTS, "footnotes": NOTE_FRAGMENTS + DOCUMENT_FRAGMENTS,
             "endnotes": NOTE_FRAGMENTS + DOCUMENT_FRAGMENTS, "comments": NOTE_FRAGMENTS + DOCUMENT_FRAGMENTS,
             "content_types": CONTENT_TYPE_FRAGMENTS, "package_rels": RELATIONSHIP_FRAGMENTS,
             "document_rels": RELATIONSHIP_FRAGMENTS}
# Elements a fragment is most worth inserting into (the rest of the time: any element).
HOSTS = frozenset({"body", "p", "r", "tc", "tr", "tbl", "sdtContent", "hyperlink", "ins", "txbxContent",
                   "footnote", "endnote", "footnotes", "endnotes", "style", "styles", "lvl", "abstractNum",
                   "num", "numbering", "pPr", "rPr", "tcPr", "trPr", "Types", "Relationships", "comment"})
# Wrappers for deep nesting: each level wraps the element in this chain (outermost first).
NESTINGS = (("w:sdt", "w:sdtContent"), ("w:customXml",), ("w:tbl", "w:tr", "w:tc"), ("w:ins",),
            ("w:smartTag",), ("w:hyperlink",), ("w:p", "w:r", "w:pict", "v:shape", "v:textbox", "w:txbxContent"),
            ("w:body",), ("mc:AlternateContent", "mc:Fallback"))
NESTING_DEPTHS = (8, 30, 60, 84, 120, 250, 1000)
DOCTYPES = (
    ('<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', "xxe"),
    ('<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "http://127.0.0.1:9/x">]>', "xxe"),
    ('<!DOCTYPE w:document [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>', "p"),
    ('<!DOCTYPE w:document [<!ENTITY a "ааааааааааа"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
     '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
     '<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">]>', "f"),
    ('<!DOCTYPE w:document [<!ENTITY k "Кыргыз &#x4E2; <w:b/>">]>', "k"),
    ('<!DOCTYPE w:document SYSTEM "file:///etc/passwd">', "undefined"),
    ('<!DOCTYPE w:document [<!ENTITY self "&self;">]>', "self"),
)
PART_WEIGHTS = (("document", 50), ("styles", 10), ("numbering", 10), ("footnotes", 6), ("endnotes", 2),
                ("comments", 2), ("content_types", 5), ("package_rels", 5), ("document_rels", 10))
MARK = "FUZZ-ENTITY-MARK"


# --- the source file --------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """One corpus file: its bytes, its members in zip order, and its main document part."""

    name: str
    raw: bytes
    members: tuple[tuple[str, bytes], ...]
    main: str

    @classmethod
    def load(cls, path: Path) -> "Source":
        raw = path.read_bytes()
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = tuple((info.filename, archive.read(info)) for info in archive.infolist())
        return cls(path.name, raw, members, main_part(dict(members)))

    def part(self, name: str) -> bytes | None:
        return next((data for member, data in self.members if member == name), None)

    def parts(self) -> dict[str, str]:
        """Part kind → its name in this package (whether or not the package holds it)."""
        folder, base = posixpath.split(self.main)
        inside = {kind: posixpath.join(folder, f"{kind}.xml")
                  for kind in ("styles", "numbering", "footnotes", "endnotes", "comments")}
        return {"document": self.main, **inside, "content_types": "[Content_Types].xml",
                "package_rels": "_rels/.rels", "document_rels": posixpath.join(folder, "_rels", base + ".rels")}


def main_part(parts: dict[str, bytes]) -> str:
    try:
        root = etree.fromstring(parts["_rels/.rels"])
    except (KeyError, etree.XMLSyntaxError):
        return "word/document.xml"
    for relationship in root:
        if (relationship.get("Type") or "").endswith("/officeDocument"):
            return (relationship.get("Target") or "").lstrip("/")
    return "word/document.xml"


def rebuild(members: list[tuple[str, bytes]] | tuple[tuple[str, bytes], ...]) -> bytes:
    """A zip of these members in this order: XML deflated (fast), everything else stored."""
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are made on purpose
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, data in members:
                info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                xml = name.endswith((".xml", ".rels"))
                info.compress_type = zipfile.ZIP_DEFLATED if xml else zipfile.ZIP_STORED
                archive.writestr(info, data, compresslevel=1 if xml else None)
    return buffer.getvalue()


def make_mutant(source: Source, index: int) -> tuple[bytes, str]:
    """Mutant number `index` of `source`, and what was done to it."""
    rng = random.Random(f"{source.name}#{index}")
    if rng.random() < 0.2:
        operation = rng.choice(ZIP_OPERATIONS)
        data, detail = operation(rng, source)
        return data, f"zip {operation.__name__}: {detail}"
    return xml_mutant(rng, source)


# --- zip level --------------------------------------------------------------------------


def truncate(rng: random.Random, source: Source) -> tuple[bytes, str]:
    cut = rng.randrange(1, len(source.raw))
    return source.raw[:cut], f"cut at byte {cut} of {len(source.raw)}"


def flip_bytes(rng: random.Random, source: Source) -> tuple[bytes, str]:
    data = bytearray(source.raw)
    places = sorted(rng.randrange(len(data)) for _ in range(rng.choice((1, 2, 8, 64))))
    for place in places:
        data[place] ^= rng.randrange(1, 256)
    return bytes(data), f"{len(places)} bytes from {places[0]}"


def duplicate_member(rng: random.Random, source: Source) -> tuple[bytes, str]:
    name, data = rng.choice(source.members)
    other = rng.choice((data, b"", rng.choice(source.members)[1]))
    members = list(source.members)
    members.insert(rng.randrange(len(members) + 1), (name, other))
    return rebuild(members), name


def drop_member(rng: random.Random, source: Source) -> tuple[bytes, str]:
    index = rng.randrange(len(source.members))
    return rebuild(source.members[:index] + source.members[index + 1:]), source.members[index][0]


def empty_member(rng: random.Random, source: Source) -> tuple[bytes, str]:
    index = rng.randrange(len(source.members))
    members = list(source.members)
    members[index] = (members[index][0], rng.choice((b"", b"<", b"\xef\xbb\xbf", b"<?xml version='1.0'?>")))
    return rebuild(members), members[index][0]


def rename_member(rng: random.Random, source: Source) -> tuple[bytes, str]:
    index = rng.randrange(len(source.members))
    members = list(source.members)
    name = members[index][0]
    new = rng.choice((name.upper(), "/" + name, name.replace("/", "\\"), "../" + name, name + "x",
                      name.replace(".xml", ".XML"), "", name + "/", name.replace("/", "/\n")))
    members[index] = (new, members[index][1])
    return rebuild(members), f"{name} → {new}"


def swap_members(rng: random.Random, source: Source) -> tuple[bytes, str]:
    members = list(source.members)
    first, second = rng.sample(range(len(members)), 2) if len(members) > 1 else (0, 0)
    (name_a, data_a), (name_b, data_b) = members[first], members[second]
    members[first], members[second] = (name_a, data_b), (name_b, data_a)
    return rebuild(members), f"{name_a} ↔ {name_b}"


LOCAL_FIELDS = ((4, 2), (6, 2), (8, 2), (14, 4), (18, 4), (22, 4), (26, 2), (28, 2))
CENTRAL_FIELDS = ((8, 2), (10, 2), (16, 4), (20, 4), (24, 4), (28, 2), (30, 2), (32, 2), (42, 4))
FIELD_VALUES = (b"\x00", b"\xff", b"\x01", b"\x63", b"\x08", b"\x0c", b"\x0e", b"\x09")


def corrupt_header(rng: random.Random, source: Source, signature: bytes,
                   fields: tuple[tuple[int, int], ...]) -> tuple[bytes, str]:
    data = bytearray(source.raw)
    offsets = [i for i in range(len(data) - 4) if data[i:i + 4] == signature] or [0]
    start = rng.choice(offsets)
    at, size = rng.choice(fields)
    if rng.random() < 0.5:
        value = bytes(rng.randrange(256) for _ in range(size))
    else:
        value = (rng.choice(FIELD_VALUES) * size)[:size]
    data[start + at:start + at + size] = value
    return bytes(data[:len(source.raw)]), f"header at {start}, field +{at} = {value.hex()}"


def corrupt_local_header(rng: random.Random, source: Source) -> tuple[bytes, str]:
    return corrupt_header(rng, source, b"PK\x03\x04", LOCAL_FIELDS)


def corrupt_central_directory(rng: random.Random, source: Source) -> tuple[bytes, str]:
    return corrupt_header(rng, source, b"PK\x01\x02", CENTRAL_FIELDS)


def mark_encrypted(rng: random.Random, source: Source) -> tuple[bytes, str]:
    """Set the 'encrypted' flag, or an unsupported method, on one member in both headers."""
    data = bytearray(source.raw)
    names = [name for name, _ in source.members]
    name = rng.choice(names).encode("utf-8")
    encrypted = rng.random() < 0.5
    for signature, flag_at, method_at, name_at in ((b"PK\x03\x04", 6, 8, 30), (b"PK\x01\x02", 8, 10, 46)):
        start = data.find(signature)
        while start != -1:
            if data[start + name_at:start + name_at + len(name)] == name:
                if encrypted:
                    data[start + flag_at] |= 1
                else:
                    data[start + method_at:start + method_at + 2] = (99).to_bytes(2, "little")
            start = data.find(signature, start + 4)
    return bytes(data), f"{name.decode()} {'encrypted' if encrypted else 'compressed with method 99'}"


ZIP_OPERATIONS: tuple[Callable[[random.Random, Source], tuple[bytes, str]], ...] = (
    truncate, flip_bytes, duplicate_member, drop_member, empty_member, rename_member, swap_members,
    corrupt_local_header, corrupt_central_directory, mark_encrypted,
)


# --- XML level --------------------------------------------------------------------------


def xml_mutant(rng: random.Random, source: Source) -> tuple[bytes, str]:
    kinds, weights = zip(*PART_WEIGHTS)
    kind = rng.choices(kinds, weights)[0]
    name = source.parts()[kind]
    data = source.part(name)
    if data is None:
        kind, name = "document", source.main
        data = source.part(name)
    if data is None:
        return truncate(rng, source)[0], "no main document part to mutate: truncated instead"
    new, detail = mutate_xml(rng, kind, data)
    members = [(member, new if member == name else content) for member, content in source.members]
    return rebuild(members), f"{name} {detail}"


def mutate_xml(rng: random.Random, kind: str, data: bytes) -> tuple[bytes, str]:
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, huge_tree=True))
    except etree.XMLSyntaxError:
        return break_xml(rng, data)
    if kind in ("package_rels", "document_rels"):
        operations = (delete_element, delete_element, retarget, retarget, set_attribute, duplicate_element,
                      insert_fragment, insert_fragment, move_element)
    else:
        operations = (delete_element, delete_element, duplicate_element, move_element, set_attribute,
                      set_attribute, set_attribute, insert_fragment, insert_fragment, insert_fragment,
                      insert_fragment, nest_deeply, set_text)
    if rng.random() < 0.06:
        return break_xml(rng, data)
    if rng.random() < 0.05:
        return add_doctype(rng, root)
    operation = rng.choice(operations)
    detail = operation(rng, root, kind)
    return serialize(root), f"{operation.__name__}: {detail}"


def serialize(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def elements(root: etree._Element) -> list[etree._Element]:
    return [element for element in root.iter() if isinstance(element.tag, str)]


def where(element: etree._Element) -> str:
    return element.getroottree().getpath(element)


def pick(rng: random.Random, root: etree._Element, *, root_too: bool = False) -> etree._Element:
    found = elements(root)
    if not root_too and len(found) > 1:
        found = found[1:]
    if rng.random() < 0.6:
        hosts = [element for element in found if etree.QName(element).localname in HOSTS]
        found = hosts or found
    return rng.choice(found)


def delete_element(rng: random.Random, root: etree._Element, kind: str) -> str:
    element = pick(rng, root)
    if element is root:
        return "nothing to delete"
    path = where(element)
    element.getparent().remove(element)
    return path


def duplicate_element(rng: random.Random, root: etree._Element, kind: str) -> str:
    element = pick(rng, root)
    path = where(element)
    if element is root:
        element.append(copy.deepcopy(element))
    else:
        element.addnext(copy.deepcopy(element))
    return path


def move_element(rng: random.Random, root: etree._Element, kind: str) -> str:
    element = pick(rng, root)
    if element is root:
        return "nothing to move"
    candidates = [e for e in elements(root) if e is not element and element not in e.iterancestors()]
    target = rng.choice(candidates)
    origin, destination = where(element), where(target)
    element.getparent().remove(element)
    target.insert(rng.randrange(len(target) + 1), element)
    return f"{origin} into {destination}"


def qualified(prefixed: str) -> str:
    if ":" not in prefixed:
        return prefixed
    prefix, name = prefixed.split(":")
    uri = "http://www.w3.org/XML/1998/namespace" if prefix == "xml" else NS[prefix]
    return f"{{{uri}}}{name}"


def set_attribute(rng: random.Random, root: etree._Element, kind: str) -> str:
    existing = [(element, name) for element in elements(root) for name in element.attrib]
    if existing and rng.random() < 0.7:
        element, name = rng.choice(existing)
    else:
        element = pick(rng, root, root_too=True)
        name = qualified(rng.choice(KNOWN_ATTRIBUTES + tuple(ATTRIBUTE_VALUES)))
    local = etree.QName(name).localname
    value = rng.choice(ATTRIBUTE_VALUES.get(local, HOSTILE_VALUES))
    element.set(name, value)
    shown = value if len(value) <= 30 else f"{value[:20]}…({len(value)} chars)"
    return f"{where(element)}/@{local} = {shown!r}"


def retarget(rng: random.Random, root: etree._Element, kind: str) -> str:
    relationships = elements(root)[1:]
    if not relationships:
        return set_attribute(rng, root, kind)
    relationship = rng.choice(relationships)
    name = rng.choice(("Target", "Target", "Type", "TargetMode", "Id"))
    values = ATTRIBUTE_VALUES.get(name) or tuple(r.get("Id") or "" for r in relationships) + ("", "rId999")
    value = rng.choice(values)
    relationship.set(name, value)
    return f"{relationship.get('Id')}/@{name} = {value!r}"


def insert_fragment(rng: random.Random, root: etree._Element, kind: str) -> str:
    fragment = rng.choice(FRAGMENTS[kind])
    wrapper = etree.fromstring(f"<wrapper {DECLARATIONS}>{fragment}</wrapper>")
    host = pick(rng, root, root_too=True)
    at = rng.randrange(len(host) + 1)
    for offset, element in enumerate(list(wrapper)):
        host.insert(at + offset, element)
    return f"{fragment[:70]!r} into {where(host)}[{at}]"


def nest_deeply(rng: random.Random, root: etree._Element, kind: str) -> str:
    element = pick(rng, root)
    if element is root:
        return "nothing to nest"
    chain = rng.choice(NESTINGS)
    depth = rng.choice(NESTING_DEPTHS)
    path = where(element)
    parent, at = element.getparent(), element.getparent().index(element)
    inner = element
    for _ in range(depth):
        outer = etree.Element(qualified(chain[0]), nsmap={"w": NS["w"]})
        current = outer
        for name in chain[1:]:
            current = etree.SubElement(current, qualified(name))
        current.append(inner)
        inner = outer
    parent.insert(at, inner)
    return f"{path} in {depth} × {'/'.join(chain)}"


def set_text(rng: random.Random, root: etree._Element, kind: str) -> str:
    texts = [e for e in elements(root) if etree.QName(e).localname in ("t", "instrText", "delText")]
    element = rng.choice(texts) if texts else pick(rng, root)
    text = rng.choice(("", " " * 50, "ж" * 200_000, "\u202e\u0301\u200d", "\uf0b7\uf0a7", "\t\n\r",
                       "Кыргызстан " * 2000, "HYPERLINK http://x", "\u00ad" * 100, "]]>", "\U0001f600"))
    element.text = text
    return f"{where(element)} text = {text[:20]!r}…({len(text)} chars)"


def add_doctype(rng: random.Random, root: etree._Element) -> tuple[bytes, str]:
    """A DTD before the root and an entity reference in a text: nothing may resolve or expand."""
    doctype, entity = rng.choice(DOCTYPES)
    texts = [e for e in elements(root) if etree.QName(e).localname == "t"] or elements(root)
    target = rng.choice(texts)
    target.text = (target.text or "") + MARK
    body = etree.tostring(root, encoding="UTF-8").replace(MARK.encode(), f"&{entity};".encode())
    head = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    return head + doctype.encode() + b"\n" + body, f"doctype {doctype[:60]!r} with &{entity}; in {where(target)}"


def break_xml(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    """XML that is not well-formed (or not in the encoding it declares)."""
    at = rng.randrange(len(data) + 1)
    choices = {
        "truncated": lambda: data[:at],
        "stray <": lambda: data[:at] + b"<" + data[at:],
        "stray &": lambda: data[:at] + b"&nope;" + data[at:],
        "invalid UTF-8": lambda: data[:at] + b"\xff\xfe\xc0" + data[at:],
        "control character": lambda: data[:at] + b"\x01\x00" + data[at:],
        "last > removed": lambda: data[:data.rfind(b">")] + data[data.rfind(b">") + 1:],
        "declared UTF-16": lambda: data.replace(b'encoding="UTF-8"', b'encoding="UTF-16"', 1),
        "declared KOI8-R": lambda: data.replace(b'encoding="UTF-8"', b'encoding="KOI8-R"', 1),
        "space before declaration": lambda: b"  \n" + data,
        "second root": lambda: data + b"<w:p/>",
        "undeclared prefix": lambda: data[:at] + b"<zz:x/>" + data[at:],
    }
    kind = rng.choice(sorted(choices))
    return choices[kind](), f"not well-formed: {kind} at byte {at}"


def main(arguments: list[str]) -> int:
    if len(arguments) != 3:
        print("usage: python -m tests.fuzz.docx_mutations <corpus file name or path> <index> <out.docx>")
        return 2
    from tests.conftest import SHARED

    path = Path(arguments[0])
    path = path if path.is_file() else SHARED / "corpus" / "docx" / arguments[0]
    data, mutation = make_mutant(Source.load(path), int(arguments[1]))
    Path(arguments[2]).write_bytes(data)
    print(f"{arguments[2]}: {mutation}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
