"""Values in chart text, each with exact offsets: dates, clock times and durations, people
and credentials; the compiled session vocabulary and the legends a document prints for its
own codes. Used by the record segmenter and the slot readers."""
