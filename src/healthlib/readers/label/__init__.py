"""Reading FDA drug labels into facts, the same way for both label formats.

`document` is the shape both readers (`readers.spl`, `readers.openfda`) produce: a `Label` with
its products and its sections by LOINC code. `facts` assembles a label's guide from the modules
that each read one kind of fact: `identity` (forms, pills, brand names, drug class), `uses`,
`doses`, `warnings`, `side_effects`, `interactions`, `care` (overdose, missed dose, driving,
storage). `context` carries the citations; `text` cleans label wording. Grouping labels into
medicines (the one read-and-group loop) is `readers.grouping`.
"""
