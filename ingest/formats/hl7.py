"""The text of an HL7 v2 message feed (an interface engine's capture, a batch file) as a
viewer shows it (see :mod:`ingest.formats`).

It is read by the standard, not by any one sender's habits:

- the encoding characters are each message's own (MSH-1 the field separator, MSH-2 the
  component, repetition, escape and subcomponent characters; FHS and BHS the same for
  their batch), never assumed to be ``|^~\\&``;
- segments end with a carriage return (the standard), a line feed or both; a segment's
  fields are split at the field separator (MSH-n is the n-1th piece: MSH-1 is the
  separator itself), then into repetitions, components and subcomponents; escape
  sequences are decoded (``\\F\\ \\S\\ \\T\\ \\R\\ \\E\\`` the delimiters, ``\\Xhh..\\``
  bytes, ``\\.br\\`` a line break; highlighting and character-set escapes leave nothing);
- the messages of one type and event (``SIU^S14``) are a table under a title naming the
  event and the type as the standard does ("Notification of appointment modification",
  "Schedule information unsolicited"): one row per
  message, one tab-separated column per field, named by its segment and the standard's
  field name ("AIS.Start Date/Time", "SCH.Filler Status Code"); a time-and-quantity or
  date-range field is a column per component ("SCH.Appointment Timing
  Quantity.Start Date/Time"); a segment repeated in a message (two AIP) joins its values
  with `` / ``; fields of segments the renderer does not know are named by number
  ("ZBH.3");
- an observation (OBX) is named by what it observes ("Clients present in group" = "9");
  an observation whose text runs over several segments or lines (a note sent as OBX TX
  lines) is a block of its own below the table, a line per segment;
- a timestamp (``YYYYMMDDHHMM[SS[.S]][+/-ZZZZ]``) reads as ISO 8601
  (``2025-02-05T09:00-08:00``); a coded value as its code and text ("90853 Group
  Psychotherapy"), a person as "Given Family, Degree", a location by its description;
  identifiers, set ids, control ids and coding-system names are left out, as a viewer
  hides them;
- file and batch headers and trailers (FHS, BHS, BTS, FTS) are ``path: value`` lines;
  a line that is not a segment is kept as it is.

A feed with no message header, or whose encoding characters are not a valid set, is not
an HL7 feed: :func:`render_hl7` raises ``ValueError`` saying so. Time and memory are
linear in the feed (a table whose rows would each repeat many empty columns is written as
``path: value`` lines instead).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ingest.formats.text import tab_table, tidy

# --------------------------------------------------------------------------- the standard

#: Field names and data types of the segments a behavioral-health feed carries (HL7 v2.5.1,
#: chapter 2, 3, 4, 6, 7, 9, 10 and 12). Fields past a segment's list, and segments not
#: listed, are named by number.
_FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    "MSH": (
        ("Field Separator", "ST"), ("Encoding Characters", "ST"), ("Sending Application", "HD"),
        ("Sending Facility", "HD"), ("Receiving Application", "HD"),
        ("Receiving Facility", "HD"), ("Date/Time of Message", "TS"), ("Security", "ST"),
        ("Message Type", "MSG"), ("Message Control ID", "ST"), ("Processing ID", "PT"),
        ("Version ID", "VID"), ("Sequence Number", "NM"), ("Continuation Pointer", "ST"),
        ("Accept Acknowledgment Type", "ID"), ("Application Acknowledgment Type", "ID"),
        ("Country Code", "ID"), ("Character Set", "ID"), ("Principal Language Of Message", "CE"),
        ("Alternate Character Set Handling Scheme", "ID"), ("Message Profile Identifier", "EI"),
    ),
    "FHS": (
        ("File Field Separator", "ST"), ("File Encoding Characters", "ST"),
        ("File Sending Application", "HD"), ("File Sending Facility", "HD"),
        ("File Receiving Application", "HD"), ("File Receiving Facility", "HD"),
        ("File Creation Date/Time", "TS"), ("File Security", "ST"), ("File Name/ID", "ST"),
        ("File Header Comment", "ST"), ("File Control ID", "ST"),
        ("Reference File Control ID", "ST"),
    ),
    "BHS": (
        ("Batch Field Separator", "ST"), ("Batch Encoding Characters", "ST"),
        ("Batch Sending Application", "HD"), ("Batch Sending Facility", "HD"),
        ("Batch Receiving Application", "HD"), ("Batch Receiving Facility", "HD"),
        ("Batch Creation Date/Time", "TS"), ("Batch Security", "ST"),
        ("Batch Name/ID/Type", "ST"), ("Batch Comment", "ST"), ("Batch Control ID", "ST"),
        ("Reference Batch Control ID", "ST"),
    ),
    "BTS": (("Batch Message Count", "ST"), ("Batch Comment", "ST"), ("Batch Totals", "NM")),
    "FTS": (("File Batch Count", "NM"), ("File Trailer Comment", "ST")),
    "MSA": (
        ("Acknowledgment Code", "ID"), ("Message Control ID", "ST"), ("Text Message", "ST"),
    ),
    "EVN": (
        ("Event Type Code", "ID"), ("Recorded Date/Time", "TS"),
        ("Date/Time Planned Event", "TS"), ("Event Reason Code", "IS"), ("Operator ID", "XCN"),
        ("Event Occurred", "TS"), ("Event Facility", "HD"),
    ),
    "PID": (
        ("Set ID - PID", "SI"), ("Patient ID", "CX"), ("Patient Identifier List", "CX"),
        ("Alternate Patient ID - PID", "CX"), ("Patient Name", "XPN"),
        ("Mother's Maiden Name", "XPN"), ("Date/Time of Birth", "TS"),
        ("Administrative Sex", "IS"), ("Patient Alias", "XPN"), ("Race", "CE"),
        ("Patient Address", "XAD"), ("County Code", "IS"), ("Phone Number - Home", "XTN"),
        ("Phone Number - Business", "XTN"), ("Primary Language", "CE"),
        ("Marital Status", "CE"), ("Religion", "CE"), ("Patient Account Number", "CX"),
        ("SSN Number - Patient", "ST"), ("Driver's License Number - Patient", "DLN"),
        ("Mother's Identifier", "CX"), ("Ethnic Group", "CE"), ("Birth Place", "ST"),
        ("Multiple Birth Indicator", "ID"), ("Birth Order", "NM"), ("Citizenship", "CE"),
        ("Veterans Military Status", "CE"), ("Nationality", "CE"),
        ("Patient Death Date and Time", "TS"), ("Patient Death Indicator", "ID"),
    ),
    "PV1": (
        ("Set ID - PV1", "SI"), ("Patient Class", "IS"), ("Assigned Patient Location", "PL"),
        ("Admission Type", "IS"), ("Preadmit Number", "CX"), ("Prior Patient Location", "PL"),
        ("Attending Doctor", "XCN"), ("Referring Doctor", "XCN"), ("Consulting Doctor", "XCN"),
        ("Hospital Service", "IS"), ("Temporary Location", "PL"),
        ("Preadmit Test Indicator", "IS"), ("Re-admission Indicator", "IS"),
        ("Admit Source", "IS"), ("Ambulatory Status", "IS"), ("VIP Indicator", "IS"),
        ("Admitting Doctor", "XCN"), ("Patient Type", "IS"), ("Visit Number", "CX"),
        ("Financial Class", "FC"), ("Charge Price Indicator", "IS"), ("Courtesy Code", "IS"),
        ("Credit Rating", "IS"), ("Contract Code", "IS"), ("Contract Effective Date", "DT"),
        ("Contract Amount", "NM"), ("Contract Period", "NM"), ("Interest Code", "IS"),
        ("Transfer to Bad Debt Code", "IS"), ("Transfer to Bad Debt Date", "DT"),
        ("Bad Debt Agency Code", "IS"), ("Bad Debt Transfer Amount", "NM"),
        ("Bad Debt Recovery Amount", "NM"), ("Delete Account Indicator", "IS"),
        ("Delete Account Date", "DT"), ("Discharge Disposition", "IS"),
        ("Discharged to Location", "DLD"), ("Diet Type", "CE"), ("Servicing Facility", "IS"),
        ("Bed Status", "IS"), ("Account Status", "IS"), ("Pending Location", "PL"),
        ("Prior Temporary Location", "PL"), ("Admit Date/Time", "TS"),
        ("Discharge Date/Time", "TS"), ("Current Patient Balance", "NM"),
        ("Total Charges", "NM"), ("Total Adjustments", "NM"), ("Total Payments", "NM"),
        ("Alternate Visit ID", "CX"), ("Visit Indicator", "IS"),
        ("Other Healthcare Provider", "XCN"),
    ),
    "PV2": (
        ("Prior Pending Location", "PL"), ("Accommodation Code", "CE"), ("Admit Reason", "CE"),
        ("Transfer Reason", "CE"), ("Patient Valuables", "ST"),
        ("Patient Valuables Location", "ST"), ("Visit User Code", "IS"),
        ("Expected Admit Date/Time", "TS"), ("Expected Discharge Date/Time", "TS"),
        ("Estimated Length of Inpatient Stay", "NM"), ("Actual Length of Inpatient Stay", "NM"),
        ("Visit Description", "ST"), ("Referral Source Code", "XCN"),
        ("Previous Service Date", "DT"), ("Employment Illness Related Indicator", "ID"),
        ("Purge Status Code", "IS"), ("Purge Status Date", "DT"),
        ("Special Program Code", "IS"), ("Retention Indicator", "ID"),
        ("Expected Number of Insurance Plans", "NM"), ("Visit Publicity Code", "IS"),
        ("Visit Protection Indicator", "ID"), ("Clinic Organization Name", "XON"),
        ("Patient Status Code", "IS"), ("Visit Priority Code", "IS"),
        ("Previous Treatment Date", "DT"), ("Expected Discharge Disposition", "IS"),
        ("Signature on File Date", "DT"), ("First Similar Illness Date", "DT"),
        ("Patient Charge Adjustment Code", "CE"), ("Recurring Service Code", "IS"),
        ("Billing Media Code", "ID"), ("Expected Surgery Date and Time", "TS"),
        ("Military Partnership Code", "ID"), ("Military Non-Availability Code", "ID"),
        ("Newborn Baby Indicator", "ID"), ("Baby Detained Indicator", "ID"),
        ("Mode of Arrival Code", "CE"), ("Recreational Drug Use Code", "CE"),
        ("Admission Level of Care Code", "CE"), ("Precaution Code", "CE"),
        ("Patient Condition Code", "CE"), ("Living Will Code", "IS"),
        ("Organ Donor Code", "IS"), ("Advance Directive Code", "CE"),
        ("Patient Status Effective Date", "DT"), ("Expected LOA Return Date/Time", "TS"),
        ("Expected Pre-admission Testing Date/Time", "TS"), ("Notify Clergy Code", "IS"),
    ),
    "FT1": (
        ("Set ID - FT1", "SI"), ("Transaction ID", "ST"), ("Transaction Batch ID", "ST"),
        ("Transaction Date", "DR"), ("Transaction Posting Date", "TS"),
        ("Transaction Type", "IS"), ("Transaction Code", "CE"),
        ("Transaction Description", "ST"), ("Transaction Description - Alt", "ST"),
        ("Transaction Quantity", "NM"), ("Transaction Amount - Extended", "CP"),
        ("Transaction Amount - Unit", "CP"), ("Department Code", "CE"),
        ("Insurance Plan ID", "CE"), ("Insurance Amount", "CP"),
        ("Assigned Patient Location", "PL"), ("Fee Schedule", "IS"), ("Patient Type", "IS"),
        ("Diagnosis Code - FT1", "CE"), ("Performed By Code", "XCN"),
        ("Ordered By Code", "XCN"), ("Unit Cost", "CP"), ("Filler Order Number", "EI"),
        ("Entered By Code", "XCN"), ("Procedure Code", "CE"),
        ("Procedure Code Modifier", "CE"), ("Advanced Beneficiary Notice Code", "CE"),
        ("Medically Necessary Duplicate Procedure Reason", "CWE"), ("NDC Code", "CNE"),
        ("Payment Reference ID", "CX"), ("Transaction Reference Key", "SI"),
    ),
    "SCH": (
        ("Placer Appointment ID", "EI"), ("Filler Appointment ID", "EI"),
        ("Occurrence Number", "NM"), ("Placer Group Number", "EI"), ("Schedule ID", "CE"),
        ("Event Reason", "CE"), ("Appointment Reason", "CE"), ("Appointment Type", "CE"),
        ("Appointment Duration", "NM"), ("Appointment Duration Units", "CE"),
        ("Appointment Timing Quantity", "TQ"), ("Placer Contact Person", "XCN"),
        ("Placer Contact Phone Number", "XTN"), ("Placer Contact Address", "XAD"),
        ("Placer Contact Location", "PL"), ("Filler Contact Person", "XCN"),
        ("Filler Contact Phone Number", "XTN"), ("Filler Contact Address", "XAD"),
        ("Filler Contact Location", "PL"), ("Entered By Person", "XCN"),
        ("Entered By Phone Number", "XTN"), ("Entered By Location", "PL"),
        ("Parent Placer Appointment ID", "EI"), ("Parent Filler Appointment ID", "EI"),
        ("Filler Status Code", "CE"), ("Placer Order Number", "EI"),
        ("Filler Order Number", "EI"),
    ),
    "RGS": (("Set ID - RGS", "SI"), ("Segment Action Code", "ID"), ("Resource Group ID", "CE")),
    "AIS": (
        ("Set ID - AIS", "SI"), ("Segment Action Code", "ID"),
        ("Universal Service Identifier", "CE"), ("Start Date/Time", "TS"),
        ("Start Date/Time Offset", "NM"), ("Start Date/Time Offset Units", "CE"),
        ("Duration", "NM"), ("Duration Units", "CE"), ("Allow Substitution Code", "IS"),
        ("Filler Status Code", "CE"), ("Placer Supplemental Service Information", "CE"),
        ("Filler Supplemental Service Information", "CE"),
    ),
    "AIG": (
        ("Set ID - AIG", "SI"), ("Segment Action Code", "ID"), ("Resource ID", "CE"),
        ("Resource Type", "CE"), ("Resource Group", "CE"), ("Resource Quantity", "NM"),
        ("Resource Quantity Units", "CE"), ("Start Date/Time", "TS"),
        ("Start Date/Time Offset", "NM"), ("Start Date/Time Offset Units", "CE"),
        ("Duration", "NM"), ("Duration Units", "CE"), ("Allow Substitution Code", "IS"),
        ("Filler Status Code", "CE"),
    ),
    "AIL": (
        ("Set ID - AIL", "SI"), ("Segment Action Code", "ID"), ("Location Resource ID", "PL"),
        ("Location Type-AIL", "CE"), ("Location Group", "CE"), ("Start Date/Time", "TS"),
        ("Start Date/Time Offset", "NM"), ("Start Date/Time Offset Units", "CE"),
        ("Duration", "NM"), ("Duration Units", "CE"), ("Allow Substitution Code", "IS"),
        ("Filler Status Code", "CE"),
    ),
    "AIP": (
        ("Set ID - AIP", "SI"), ("Segment Action Code", "ID"),
        ("Personnel Resource ID", "XCN"), ("Resource Type", "CE"), ("Resource Group", "CE"),
        ("Start Date/Time", "TS"), ("Start Date/Time Offset", "NM"),
        ("Start Date/Time Offset Units", "CE"), ("Duration", "NM"), ("Duration Units", "CE"),
        ("Allow Substitution Code", "IS"), ("Filler Status Code", "CE"),
    ),
    "TXA": (
        ("Set ID- TXA", "SI"), ("Document Type", "IS"),
        ("Document Content Presentation", "ID"), ("Activity Date/Time", "TS"),
        ("Primary Activity Provider Code/Name", "XCN"), ("Origination Date/Time", "TS"),
        ("Transcription Date/Time", "TS"), ("Edit Date/Time", "TS"),
        ("Originator Code/Name", "XCN"), ("Assigned Document Authenticator", "XCN"),
        ("Transcriptionist Code/Name", "XCN"), ("Unique Document Number", "EI"),
        ("Parent Document Number", "EI"), ("Placer Order Number", "EI"),
        ("Filler Order Number", "EI"), ("Unique Document File Name", "ST"),
        ("Document Completion Status", "ID"), ("Document Confidentiality Status", "ID"),
        ("Document Availability Status", "ID"), ("Document Storage Status", "ID"),
        ("Document Change Reason", "ST"), ("Authentication Person, Time Stamp", "PPN"),
        ("Distributed Copies", "XCN"),
    ),
    "ORC": (
        ("Order Control", "ID"), ("Placer Order Number", "EI"), ("Filler Order Number", "EI"),
        ("Placer Group Number", "EI"), ("Order Status", "ID"), ("Response Flag", "ID"),
        ("Quantity/Timing", "TQ"), ("Parent", "EIP"), ("Date/Time of Transaction", "TS"),
        ("Entered By", "XCN"), ("Verified By", "XCN"), ("Ordering Provider", "XCN"),
        ("Enterer's Location", "PL"), ("Call Back Phone Number", "XTN"),
        ("Order Effective Date/Time", "TS"), ("Order Control Code Reason", "CE"),
        ("Entering Organization", "CE"), ("Entering Device", "CE"), ("Action By", "XCN"),
        ("Advanced Beneficiary Notice Code", "CE"), ("Ordering Facility Name", "XON"),
        ("Ordering Facility Address", "XAD"), ("Ordering Facility Phone Number", "XTN"),
        ("Ordering Provider Address", "XAD"), ("Order Status Modifier", "CWE"),
    ),
    "OBR": (
        ("Set ID - OBR", "SI"), ("Placer Order Number", "EI"), ("Filler Order Number", "EI"),
        ("Universal Service Identifier", "CE"), ("Priority - OBR", "ID"),
        ("Requested Date/Time", "TS"), ("Observation Date/Time", "TS"),
        ("Observation End Date/Time", "TS"), ("Collection Volume", "CQ"),
        ("Collector Identifier", "XCN"), ("Specimen Action Code", "ID"), ("Danger Code", "CE"),
        ("Relevant Clinical Information", "ST"), ("Specimen Received Date/Time", "TS"),
        ("Specimen Source", "SPS"), ("Ordering Provider", "XCN"),
        ("Order Callback Phone Number", "XTN"), ("Placer Field 1", "ST"),
        ("Placer Field 2", "ST"), ("Filler Field 1", "ST"), ("Filler Field 2", "ST"),
        ("Results Rpt/Status Chng - Date/Time", "TS"), ("Charge to Practice", "MOC"),
        ("Diagnostic Serv Sect ID", "ID"), ("Result Status", "ID"), ("Parent Result", "PRL"),
        ("Quantity/Timing", "TQ"), ("Result Copies To", "XCN"), ("Parent", "EIP"),
        ("Transportation Mode", "ID"), ("Reason for Study", "CE"),
        ("Principal Result Interpreter", "NDL"), ("Assistant Result Interpreter", "NDL"),
        ("Technician", "NDL"), ("Transcriptionist", "NDL"), ("Scheduled Date/Time", "TS"),
    ),
    "OBX": (
        ("Set ID - OBX", "SI"), ("Value Type", "ID"), ("Observation Identifier", "CE"),
        ("Observation Sub-ID", "ST"), ("Observation Value", "*"), ("Units", "CE"),
        ("References Range", "ST"), ("Abnormal Flags", "IS"), ("Probability", "NM"),
        ("Nature of Abnormal Test", "ID"), ("Observation Result Status", "ID"),
        ("Effective Date of Reference Range", "TS"), ("User Defined Access Checks", "ST"),
        ("Date/Time of the Observation", "TS"), ("Producer's ID", "CE"),
        ("Responsible Observer", "XCN"), ("Observation Method", "CE"),
        ("Equipment Instance Identifier", "EI"), ("Date/Time of the Analysis", "TS"),
    ),
    "NTE": (
        ("Set ID - NTE", "SI"), ("Source of Comment", "ID"), ("Comment", "FT"),
        ("Comment Type", "CE"),
    ),
    "DG1": (
        ("Set ID - DG1", "SI"), ("Diagnosis Coding Method", "ID"),
        ("Diagnosis Code - DG1", "CE"), ("Diagnosis Description", "ST"),
        ("Diagnosis Date/Time", "TS"), ("Diagnosis Type", "IS"),
        ("Major Diagnostic Category", "CE"), ("Diagnostic Related Group", "CE"),
        ("DRG Approval Indicator", "ID"), ("DRG Grouper Review Code", "IS"),
        ("Outlier Type", "CE"), ("Outlier Days", "NM"), ("Outlier Cost", "CP"),
        ("Grouper Version And Type", "ST"), ("Diagnosis Priority", "ID"),
        ("Diagnosing Clinician", "XCN"), ("Diagnosis Classification", "IS"),
        ("Confidential Indicator", "ID"), ("Attestation Date/Time", "TS"),
    ),
    "PR1": (
        ("Set ID - PR1", "SI"), ("Procedure Coding Method", "IS"), ("Procedure Code", "CE"),
        ("Procedure Description", "ST"), ("Procedure Date/Time", "TS"),
        ("Procedure Functional Type", "IS"), ("Procedure Minutes", "NM"),
        ("Anesthesiologist", "XCN"), ("Anesthesia Code", "IS"), ("Anesthesia Minutes", "NM"),
        ("Surgeon", "XCN"), ("Procedure Practitioner", "XCN"), ("Consent Code", "CE"),
        ("Procedure Priority", "ID"), ("Associated Diagnosis Code", "CE"),
        ("Procedure Code Modifier", "CE"), ("Procedure DRG Type", "IS"),
        ("Tissue Type Code", "CE"), ("Procedure Identifier", "EI"),
        ("Procedure Action Code", "ID"),
    ),
    "ROL": (
        ("Role Instance ID", "EI"), ("Action Code", "ID"), ("Role-ROL", "CE"),
        ("Role Person", "XCN"), ("Role Begin Date/Time", "TS"), ("Role End Date/Time", "TS"),
        ("Role Duration", "CE"), ("Role Action Reason", "CE"), ("Provider Type", "CE"),
        ("Organization Unit Type", "CE"), ("Office/Home Address/Birthplace", "XAD"),
        ("Phone", "XTN"),
    ),
    "IN1": (
        ("Set ID - IN1", "SI"), ("Insurance Plan ID", "CE"), ("Insurance Company ID", "CX"),
        ("Insurance Company Name", "XON"), ("Insurance Company Address", "XAD"),
        ("Insurance Co Contact Person", "XPN"), ("Insurance Co Phone Number", "XTN"),
        ("Group Number", "ST"), ("Group Name", "XON"), ("Insured's Group Emp ID", "CX"),
        ("Insured's Group Emp Name", "XON"), ("Plan Effective Date", "DT"),
        ("Plan Expiration Date", "DT"), ("Authorization Information", "AUI"),
        ("Plan Type", "IS"), ("Name Of Insured", "XPN"),
        ("Insured's Relationship To Patient", "CE"), ("Insured's Date Of Birth", "TS"),
        ("Insured's Address", "XAD"), ("Assignment Of Benefits", "IS"),
        ("Coordination Of Benefits", "IS"), ("Coord Of Ben. Priority", "ST"),
        ("Notice Of Admission Flag", "ID"), ("Notice Of Admission Date", "DT"),
        ("Report Of Eligibility Flag", "ID"), ("Report Of Eligibility Date", "DT"),
        ("Release Information Code", "IS"), ("Pre-Admit Cert (PAC)", "ST"),
        ("Verification Date/Time", "TS"), ("Verification By", "XCN"),
        ("Type Of Agreement Code", "IS"), ("Billing Status", "IS"),
        ("Lifetime Reserve Days", "NM"), ("Delay Before L.R. Day", "NM"),
        ("Company Plan Code", "IS"), ("Policy Number", "ST"),
    ),
}  # fmt: skip

#: The segments of a file or batch envelope: ``path: value`` lines, not a message's.
_ENVELOPE = frozenset({"FHS", "BHS", "BTS", "FTS"})
#: Segments whose MSH-1 is the field separator (their fields are counted from it).
_HEADERS = frozenset({"MSH", "FHS", "BHS"})

#: Message types (HL7 table 0076) and trigger events (table 0003) a feed of an outpatient
#: program carries, by their names in the standard.
_MESSAGE_TYPES = {
    "ADT": "ADT message", "SIU": "Schedule information unsolicited",
    "DFT": "Detail financial transactions", "MDM": "Medical document management",
    "ORU": "Unsolicited transmission of an observation message", "ORM": "Order message",
    "BAR": "Add/change billing account", "ACK": "General acknowledgment message",
    "REF": "Patient referral", "RRI": "Return referral information",
}  # fmt: skip
_EVENTS = {
    "A01": "Admit/visit notification", "A02": "Transfer a patient",
    "A03": "Discharge/end visit", "A04": "Register a patient", "A05": "Pre-admit a patient",
    "A06": "Change an outpatient to an inpatient", "A07": "Change an inpatient to an outpatient",
    "A08": "Update patient information", "A11": "Cancel admit/visit notification",
    "A13": "Cancel discharge/end visit", "A21": "Patient goes on a leave of absence",
    "A22": "Patient returns from a leave of absence", "A28": "Add person information",
    "A31": "Update person information",
    "S12": "Notification of new appointment booking",
    "S13": "Notification of appointment rescheduling",
    "S14": "Notification of appointment modification",
    "S15": "Notification of appointment cancellation",
    "S16": "Notification of appointment discontinuation",
    "S17": "Notification of appointment deletion",
    "S26": "Notification that patient did not show up for scheduled appointment",
    "P03": "Post detail financial transaction", "T01": "Original document notification",
    "T02": "Original document notification and content",
    "T03": "Document status change notification",
    "T04": "Document status change notification and content",
    "T05": "Document addendum notification", "T06": "Document addendum notification and content",
    "T08": "Document edit notification and content", "T11": "Document cancel notification",
    "R01": "Unsolicited transmission of an observation message", "O01": "Order message",
}  # fmt: skip

# components of the composite types shown as a column each
_COMPONENTS = {
    "TQ": ("Quantity", "Interval", "Duration", "Start Date/Time", "End Date/Time", "Priority",
           "Condition", "Text", "Conjunction", "Order Sequencing", "Occurrence Duration",
           "Total Occurrences"),
    "DR": ("Range Start Date/Time", "Range End Date/Time"),
}  # fmt: skip
# which of those components are timestamps
_TIMED_COMPONENTS = {"TQ": frozenset({4, 5}), "DR": frozenset({1, 2})}
_TIMESTAMPS = frozenset({"TS", "DTM", "DT"})
_CODED = frozenset({"CE", "CWE", "CNE", "CF", "IS", "ID"})
_PERSONS = frozenset({"XCN", "CNN", "NDL", "PPN"})
# types whose values identify a record, not describe it: hidden, as a viewer hides ids
_IDENTIFIERS = frozenset({"SI", "EI", "EIP"})
# fields of the message header a viewer hides (the delimiters, control and version ids)
_HIDDEN = frozenset(
    {("MSH", 1), ("MSH", 2), ("MSH", 10), ("MSH", 11), ("MSH", 12), ("MSH", 13), ("MSH", 15),
     ("MSH", 16), ("MSH", 18), ("MSH", 20), ("MSH", 21), ("FHS", 1), ("FHS", 2), ("BHS", 1),
     ("BHS", 2), ("OBX", 2), ("OBX", 3), ("OBX", 5)}
)  # fmt: skip

# what a segment does to the record it updates (add, delete, update): no value of it
_ACTIONS = frozenset({"Segment Action Code", "Action Code"})
# a quantity and the field that holds its units: shown as one value ("60 min")
_UNITS = {
    ("SCH", 9): 10, ("AIS", 5): 6, ("AIS", 7): 8, ("AIG", 9): 10, ("AIG", 11): 12,
    ("AIL", 7): 8, ("AIL", 9): 10, ("AIP", 7): 8, ("AIP", 9): 10,
}  # fmt: skip
_UNIT_FIELDS = frozenset((seg, unit) for (seg, _), unit in _UNITS.items())
# fields the standard keeps for backward compatibility only (EVN-1 repeats MSH-9's event)
_RETAINED = frozenset({("EVN", 1)})

#: The meanings of the codes of HL7-defined tables in fields a feed carries: a viewer
#: shows "R Routine", not a bare "R" (which reads as nothing, or as the wrong thing).
_CODE_TABLES: dict[tuple[str, int], dict[str, str]] = {
    # 0001 administrative sex
    ("PID", 8): {"F": "Female", "M": "Male", "O": "Other", "U": "Unknown", "A": "Ambiguous",
                 "N": "Not applicable"},
    # 0004 patient class
    ("PV1", 2): {"E": "Emergency", "I": "Inpatient", "O": "Outpatient", "P": "Preadmit",
                 "R": "Recurring patient", "B": "Obstetrics", "C": "Commercial Account",
                 "N": "Not Applicable", "U": "Unknown"},
    # 0007 admission type
    ("PV1", 4): {"A": "Accident", "C": "Elective", "E": "Emergency", "L": "Labor and Delivery",
                 "N": "Newborn", "R": "Routine", "U": "Urgent"},
    # 0052 diagnosis type
    ("DG1", 6): {"A": "Admitting", "W": "Working", "F": "Final"},
    # 0230 procedure functional type
    ("PR1", 6): {"A": "Anesthesia", "P": "Procedure for treatment", "I": "Invasive procedure",
                 "D": "Diagnostic procedure"},
    # 0085 observation result status
    ("OBX", 11): {"C": "Corrected", "D": "Deleted", "F": "Final", "I": "Pending",
                  "N": "Not asked", "O": "Order detail", "P": "Preliminary",
                  "R": "Results entered, not verified", "S": "Partial",
                  "X": "Cannot be obtained", "U": "Changed to final", "W": "Wrong"},
    # 0105 source of comment
    ("NTE", 2): {"L": "Filler department", "P": "Placer", "O": "Other system"},
    # 0191 type of referenced data
    ("TXA", 3): {"TX": "Text", "FT": "Formatted text", "AP": "Other application data",
                 "IM": "Image data", "AU": "Audio data", "SI": "Scanned image",
                 "NS": "Non-scanned image"},
    # 0271 document completion status
    ("TXA", 17): {"DI": "Dictated", "DO": "Documented", "IP": "In progress",
                  "IN": "Incomplete", "PA": "Pre-authenticated", "AU": "Authenticated",
                  "LA": "Legally authenticated"},
    # 0272 document confidentiality status
    ("TXA", 18): {"V": "Very restricted", "R": "Restricted", "U": "Usual control"},
    # 0273 document availability status
    ("TXA", 19): {"AV": "Available for patient care", "CA": "Deleted", "OB": "Obsolete",
                  "UN": "Unavailable for patient care"},
    # 0275 document storage status
    ("TXA", 20): {"AC": "Active", "AA": "Active and archived", "AR": "Archived",
                  "PU": "Purged"},
    # 0017 transaction type
    ("FT1", 6): {"CG": "Charge", "CD": "Credit", "PY": "Payment", "AJ": "Adjustment",
                 "CO": "Co-payment"},
    # 0008 acknowledgment code
    ("MSA", 1): {"AA": "Application accept", "AE": "Application error",
                 "AR": "Application reject", "CA": "Commit accept", "CE": "Commit error",
                 "CR": "Commit reject"},
}  # fmt: skip

_SEGMENT_ID = re.compile(r"[A-Z][A-Z0-9]{2}")
_LINES = re.compile(r"\r\n|\r|\n")
# a table is written as rows while its cells stay within this many times the feed's size
_TABLE_GROWTH = 8
_MAX_ESCAPE = 64  # an escape sequence longer than this is text, not an escape


# --------------------------------------------------------------------------- parsing


@dataclass(frozen=True)
class Encoding:
    """A message's delimiters (MSH-1 and MSH-2)."""

    field: str = "|"
    component: str = "^"
    repetition: str = "~"
    escape: str = "\\"
    subcomponent: str = "&"

    @classmethod
    def of(cls, line: str) -> Encoding:
        """The delimiters a header segment (MSH, FHS, BHS) declares; ``ValueError`` when
        they are not a valid set (a letter, a digit, a blank, one character twice)."""
        if len(line) < 5:
            raise ValueError("header segment without encoding characters")
        sep = line[3]
        chars = line[4:].split(sep, 1)[0]
        declared = [sep, *chars]
        if not 2 <= len(chars) <= 5 or len(set(declared)) != len(declared):
            raise ValueError("invalid encoding characters")
        if any(c.isalnum() or c.isspace() for c in declared):
            raise ValueError("invalid encoding characters")
        padded = chars + "\x00" * (4 - min(len(chars), 4))
        return cls(
            field=sep,
            component=padded[0],
            repetition=padded[1],
            escape=padded[2],
            subcomponent=padded[3],
        )


@dataclass(frozen=True)
class Segment:
    """A segment: its id and its fields by number (``fields[0]`` is field 1), raw."""

    name: str
    fields: tuple[str, ...]
    encoding: Encoding

    def field(self, n: int) -> str:
        return self.fields[n - 1] if 0 < n <= len(self.fields) else ""


@dataclass
class Message:
    """A message: its header (MSH) and the segments after it."""

    segments: list[Segment] = field(default_factory=list)

    @property
    def header(self) -> Segment:
        return self.segments[0]


@dataclass
class Feed:
    """A feed in the order written: envelope segments, messages and lines of other text."""

    items: list[Segment | Message | str] = field(default_factory=list)


def _segment(line: str, enc: Encoding) -> Segment:
    name = line[:3]
    pieces = line[4:].split(enc.field) if len(line) > 3 else []
    if name in _HEADERS:
        # MSH-1 is the field separator itself; MSH-2 the encoding characters
        pieces = [enc.field, *pieces]
    return Segment(name, tuple(pieces), enc)


def parse_feed(text: str) -> Feed:
    """The segments and messages of ``text``; ``ValueError`` when it holds no message
    header, a header's encoding characters are not valid, or a message segment comes
    before any header."""
    feed = Feed()
    enc: Encoding | None = None
    message: Message | None = None
    for raw in _LINES.split(text.lstrip("\ufeff")):
        line = raw.strip(" \t")
        if not line:
            continue
        name = line[:3]
        if name in _HEADERS:
            if line[3:4] == "" or not _SEGMENT_ID.fullmatch(name):
                raise ValueError("header segment without encoding characters")
            enc = Encoding.of(line)
            seg = _segment(line, enc)
            if name == "MSH":
                message = Message([seg])
                feed.items.append(message)
            else:
                message = None
                feed.items.append(seg)
            continue
        if enc is None or not _SEGMENT_ID.fullmatch(name) or line[3:4] not in ("", enc.field):
            if enc is None and _SEGMENT_ID.fullmatch(name) and line[3:4] in ("|", ""):
                raise ValueError("a segment before any message header")
            feed.items.append(raw.strip())  # a line that is not a segment: kept as it is
            continue
        seg = _segment(line, enc)
        if name in _ENVELOPE or message is None:
            feed.items.append(seg)
        else:
            message.segments.append(seg)
    if not any(isinstance(i, Message) for i in feed.items):
        raise ValueError("no message header (MSH)")
    return feed


def unescape(value: str, enc: Encoding) -> str:
    """``value`` with its escape sequences decoded: the delimiters, hexadecimal bytes,
    line breaks; formatting, highlighting and character-set escapes leave nothing. A
    sequence that is not closed, or not an escape, is kept as written."""
    esc = enc.escape
    if esc == "\x00" or esc not in value:
        return value
    out: list[str] = []
    i = 0
    n = len(value)
    while i < n:
        j = value.find(esc, i)
        if j < 0:
            out.append(value[i:])
            break
        out.append(value[i:j])
        k = value.find(esc, j + 1, min(n, j + 2 + _MAX_ESCAPE))
        if k < 0:
            out.append(esc)
            i = j + 1
            continue
        decoded = _escape(value[j + 1 : k], enc)
        if decoded is None:
            out.append(value[j:k])  # not an escape: kept, and its end may open the next
            i = k
            continue
        out.append(decoded)
        i = k + 1
    return "".join(out)


_HEX = re.compile(r"(?:[0-9A-Fa-f]{2})+")


def _escape(code: str, enc: Encoding) -> str | None:
    simple = {
        "F": enc.field,
        "S": enc.component,
        "T": enc.subcomponent,
        "R": enc.repetition,
        "E": enc.escape,
        "H": "",
        "N": "",
        ".br": "\n",
        ".fi": "",
        ".nf": "",
    }
    if code in simple:
        return simple[code]
    if code.startswith("X") and _HEX.fullmatch(code[1:]):
        raw = bytes.fromhex(code[1:])
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return raw.decode("latin-1")
    if code.startswith(".sp"):
        count = code[3:].strip().lstrip("+")
        return "\n" * min(int(count), 10) if count.isdigit() else "\n"
    if code.startswith((".in", ".ti", ".sk", ".ce")) or code[:1] in ("C", "M", "Z"):
        return ""  # indentation, centering, character sets, local escapes
    return None


# --------------------------------------------------------------------------- values


def hl7_timestamp(value: str) -> str | None:
    """An HL7 timestamp ``YYYY[MM[DD[HH[MM[SS[.S+]]]]]][+/-ZZZZ]`` in ISO 8601
    ("20250205090000-0800" -> "2025-02-05T09:00:00-08:00"); ``None`` when it is not one."""
    m = _TS.fullmatch(value.strip())
    if m is None:
        return None
    y, mo, d, h, mi, s, frac, zone = m.groups()
    if mo is not None and not 1 <= int(mo) <= 12:
        return None
    if d is not None and not 1 <= int(d) <= 31:
        return None
    if h is not None and (int(h) > 23 or (mi is not None and int(mi) > 59)):
        return None
    out = y + (f"-{mo}" if mo else "") + (f"-{d}" if d else "")
    if h is not None:
        out += f"T{h}:{mi or '00'}" + (f":{s}" if s else "") + (frac or "")
    if zone:
        out += f"{zone[:3]}:{zone[3:]}"
    return out


_TS = re.compile(
    r"(1[89]\d\d|2[01]\d\d)(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(\.\d{1,4})?)?)?)?)?)?"
    r"([+-]\d{4})?"
)


def _clean(text: str) -> str:
    return " ".join(text.split())


def _components(value: str, enc: Encoding) -> list[str]:
    """The components of one repetition, each with its subcomponents joined by a blank
    and its escapes decoded."""
    out = []
    for comp in value.split(enc.component):
        subs = [unescape(s, enc) for s in comp.split(enc.subcomponent)] if comp else [""]
        out.append(_clean(" ".join(s for s in subs if s.strip())))
    return out


def _timestamp(text: str) -> str:
    return hl7_timestamp(text) or text


def _coded(comps: list[str]) -> str:
    """A coded value: its code and its text ("90853 Group Psychotherapy"), or the one
    given; the coding system left out."""
    code, text = [*comps, "", ""][:2]
    if code and text and code.lower() != text.lower():
        return f"{code} {text}"
    return text or code


def _person(comps: list[str], *, with_id: bool) -> str:
    """A person ("Given Middle Family Suffix, Degree"): XCN/CNN/NDL begin with an id, XPN
    with the family name."""
    c = comps[1:] if with_id else comps
    c = c + [""] * (7 - len(c))
    family, given, middle, suffix, prefix, degree = c[0], c[1], c[2], c[3], c[4], c[5]
    name = " ".join(p for p in (prefix, given, middle, family, suffix) if p)
    if not name:
        return " ".join(p for p in comps if p)
    return f"{name}, {degree}" if degree else name


def _location(comps: list[str]) -> str:
    """A location (PL): its description, else its parts."""
    if len(comps) >= 9 and comps[8]:
        return comps[8]
    return " ".join(p for p in comps if p)


def _value(comps: list[str], kind: str) -> str:
    if kind in _TIMESTAMPS:
        return _timestamp(comps[0]) if comps else ""
    if kind in _CODED:
        return _coded(comps)
    if kind in _PERSONS:
        shown = _person(comps, with_id=True)
        if kind == "PPN" and len(comps) >= 15 and comps[14]:
            shown = f"{shown} {_timestamp(comps[14])}"
        return shown
    if kind == "XPN":
        return _person(comps, with_id=False)
    if kind == "PL":
        return _location(comps)
    if kind in ("CX", "HD"):
        return comps[0] if comps and comps[0] else " ".join(p for p in comps if p)
    if kind == "MSG":
        return "^".join(p for p in comps[:2] if p)
    if kind == "TQ" and len(comps) >= 3 and comps[2]:
        comps = [*comps[:2], _duration(comps[2]), *comps[3:]]
    return " ".join(p for p in comps if p)


_DURATION = re.compile(r"([SMHDWL])(\d+)")
_DURATION_UNITS = {
    "S": "seconds", "M": "minutes", "H": "hours", "D": "days", "W": "weeks", "L": "months",
}  # fmt: skip


def _duration(value: str) -> str:
    """A timing quantity's duration ("M90": 90 minutes, as the standard writes it)."""
    m = _DURATION.fullmatch(value)
    return f"{m.group(2)} {_DURATION_UNITS[m.group(1)]}" if m else value


def _field_values(seg: Segment, n: int, kind: str) -> Iterator[tuple[str, str]]:
    """(column suffix, text) of field ``n`` of ``seg``, repetitions one by one."""
    raw = seg.field(n)
    if not raw:
        return
    enc = seg.encoding
    reps = [raw] if seg.name in _HEADERS and n <= 2 else raw.split(enc.repetition)
    for rep in reps:
        if not rep:
            continue
        comps = _components(rep, enc)
        if kind in _COMPONENTS:
            names = _COMPONENTS[kind]
            for i, text in enumerate(comps, start=1):
                if not text:
                    continue
                shown = _timestamp(text) if i in _TIMED_COMPONENTS[kind] else text
                if kind == "TQ" and i == 3:
                    shown = _duration(text)
                name = names[i - 1] if i <= len(names) else str(i)
                yield f".{name}", shown
            continue
        text = _value(comps, kind)
        if text:
            yield "", text


def _segment_values(seg: Segment) -> Iterator[tuple[str, str]]:
    """(column, text) of every shown value of a segment (OBX by its observation)."""
    defs = _FIELDS.get(seg.name, ())
    if seg.name == "OBX":
        yield from _observation(seg)
    for n in range(1, len(seg.fields) + 1):
        at = (seg.name, n)
        if at in _HIDDEN or at in _UNIT_FIELDS or at in _RETAINED:
            continue
        name, kind = defs[n - 1] if n <= len(defs) else (str(n), "")
        if kind in _IDENTIFIERS or name.startswith("Set ID") or name in _ACTIONS:
            continue
        units = _units(seg, _UNITS[at]) if at in _UNITS else ""
        codes = _CODE_TABLES.get(at, {})
        for suffix, text in _field_values(seg, n, kind):
            if text in codes:
                text = f"{text} {codes[text]}"
            yield f"{seg.name}.{name}{suffix}", f"{text} {units}" if units else text


def _units(seg: Segment, n: int) -> str:
    """The units a quantity is in: their text ("minutes"), else their code ("min")."""
    first = seg.field(n).split(seg.encoding.repetition)[0]
    comps = _components(first, seg.encoding) if first else []
    return (comps[1] if len(comps) > 1 and comps[1] else comps[0]) if comps else ""


def _observation_name(seg: Segment) -> str:
    comps = _components(seg.field(3).split(seg.encoding.repetition)[0], seg.encoding)
    return (comps[1] if len(comps) > 1 and comps[1] else comps[0]) or "Observation Value"


def _observation(seg: Segment) -> Iterator[tuple[str, str]]:
    """An observation's value, named by what it observes."""
    kind = seg.field(2).strip().upper()
    raw = seg.field(5)
    if not raw:
        return
    name = _observation_name(seg)
    enc = seg.encoding
    for rep in raw.split(enc.repetition):
        if not rep:
            continue
        if kind in ("TX", "FT", "ST", "TN"):
            # text: components are not split (a text value holds none by the standard)
            text = _clean(unescape(rep, enc))
        else:
            text = _value(_components(rep, enc), "TS" if kind in _TIMESTAMPS else "CE")
        if text:
            yield name, text


def _text_lines(seg: Segment) -> list[str]:
    """The lines of a text observation, as written (escapes decoded, line breaks kept)."""
    enc = seg.encoding
    out: list[str] = []
    for rep in seg.field(5).split(enc.repetition):
        out.extend(x.strip(" \t") for x in unescape(rep, enc).split("\n"))
    return out


def _is_text(seg: Segment) -> bool:
    return seg.name == "OBX" and seg.field(2).strip().upper() in ("TX", "FT")


# --------------------------------------------------------------------------- rendering


def _title(msg: Message) -> str:
    """The message's type and event, and their names in the standard: the event's on the
    first line, the type's on the next ("Schedule information unsolicited": what a
    scheduling message's rows without a status are, a schedule)."""
    enc = msg.header.encoding
    comps = _components(msg.header.field(9), enc)
    kind, event = [*comps, "", ""][:2]
    code = "^".join(p for p in (kind, event) if p) or "MSH"
    lines = [f"{code} {_EVENTS[event]}" if event in _EVENTS else code]
    if kind in _MESSAGE_TYPES:
        lines.append(_MESSAGE_TYPES[kind])
    return "\n".join(lines)


class _Row:
    """A message's values by column, each value once, in order (linear in the values)."""

    def __init__(self) -> None:
        self.first: dict[str, str] = {}
        self.more: dict[str, list[str]] = {}
        self.seen: set[tuple[str, str]] = set()

    def add(self, column: str, text: str) -> None:
        first = self.first.setdefault(column, text)
        if first == text or (column, text) in self.seen:
            return
        self.seen.add((column, text))
        self.more.setdefault(column, []).append(text)

    def values(self) -> dict[str, str]:
        return {
            k: " / ".join([v, *self.more[k]]) if k in self.more else v
            for k, v in self.first.items()
        }


def _message_row(msg: Message) -> tuple[dict[str, str], list[str]]:
    """A message's row (column -> text, values of repeated segments joined by " / ") and
    its text blocks (notes sent as several text observations)."""
    row = _Row()
    texts: dict[str, list[Segment]] = {}
    for seg in msg.segments:
        if _is_text(seg):
            texts.setdefault(_observation_name(seg), []).append(seg)
    blocks: list[str] = []
    for seg in msg.segments:
        if _is_text(seg):
            group = texts[_observation_name(seg)]
            if len(group) > 1 or sum(1 for x in _text_lines(seg) if x) > 1:
                if seg is group[0]:
                    # under the name of what it is ("Note text"), as a viewer titles it
                    lines = [x for s in group for x in _text_lines(s)]
                    text = "\n".join(lines).strip("\n")
                    blocks.append(f"{_observation_name(seg)}\n{text}")
                # a note's own columns: when and by whom it was observed
                for column, value in _segment_values(seg):
                    if column.startswith("OBX."):
                        row.add(column, value)
                continue
        for column, value in _segment_values(seg):
            row.add(column, value)
    return row.values(), blocks


def _lines(row: dict[str, str]) -> list[str]:
    return [f"{k}: {v}" for k, v in row.items()]


def _table(title: str, rows: list[tuple[dict[str, str], list[str]]], budget: int) -> list[str]:
    columns: set[str] = set()
    for r, _ in rows:
        columns.update(r)
    out = ["", title]
    if len(columns) * len(rows) <= budget:
        out.extend(tab_table([r for r, _ in rows]))
        for _, blocks in rows:
            for block in blocks:
                out.extend(["", block, ""])
        out.append("")
        return out
    for r, blocks in rows:  # rows that share few columns: each its own block of fields
        out.extend(["", *_lines(r)])
        for block in blocks:
            out.extend(["", block])
    out.append("")
    return out


def render_hl7(data: str) -> str:
    """The viewed text of the HL7 v2 feed ``data`` (module docstring); raises
    ``ValueError`` when it is not one."""
    feed = parse_feed(data)
    budget = _TABLE_GROWTH * (len(data) + 1024)
    out: list[str] = []
    groups: dict[str, list[tuple[dict[str, str], list[str]]]] = {}
    order: list[str] = []

    def flush() -> None:
        for title in order:
            out.extend(_table(title, groups[title], budget))
        groups.clear()
        order.clear()

    for item in feed.items:
        if isinstance(item, Message):
            title = _title(item)
            if title not in groups:
                order.append(title)
            groups.setdefault(title, []).append(_message_row(item))
        elif isinstance(item, Segment):
            flush()  # a batch's header or trailer: the messages before it are done
            out.extend(f"{column}: {text}" for column, text in _segment_values(item))
        else:
            flush()
            out.append(item)
    flush()
    return tidy("\n".join(out))


def looks_like_hl7(text: str) -> bool:
    """Whether ``text`` begins as an HL7 v2 feed does: a message, file or batch header
    and its field separator and encoding characters (of any choice)."""
    head = text.lstrip("\ufeff \t\r\n")[:16]
    return _HEADER_START.match(head) is not None


_HEADER_START = re.compile(r"(?:MSH|FHS|BHS)([^A-Za-z0-9\s])[^A-Za-z0-9\s]{2,5}\1")
