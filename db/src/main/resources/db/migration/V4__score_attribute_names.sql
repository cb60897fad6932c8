-- Score attributes have one naming style (issue 14, org.langscore.spi.ScoreAttributes): lower-case words
-- joined by '-', namespaces by '.'. Futrell2018 scores stored before it wrote data-source, data-location
-- and ceiling-source, and ceiling-note on each story's sub-score: they are renamed, their values kept.
-- A name already in the new style is never overwritten.
UPDATE scores
SET attributes = jsonb_strip_nulls(jsonb_build_object(
        'data.source', attributes -> 'data-source',
        'data.location', attributes -> 'data-location',
        'ceiling.source', attributes -> 'ceiling-source'))
    || (attributes - 'data-source' - 'data-location' - 'ceiling-source')
WHERE attributes -> 'data-source' IS NOT NULL
   OR attributes -> 'data-location' IS NOT NULL
   OR attributes -> 'ceiling-source' IS NOT NULL;

UPDATE scores
SET sub_scores = (
    SELECT jsonb_agg(
               CASE WHEN sub -> 'attributes' -> 'ceiling-note' IS NOT NULL
                    THEN jsonb_set(sub, '{attributes}',
                                   jsonb_build_object('ceiling.note', sub -> 'attributes' -> 'ceiling-note')
                                       || ((sub -> 'attributes') - 'ceiling-note'))
                    ELSE sub END
               ORDER BY position)
    FROM jsonb_array_elements(sub_scores) WITH ORDINALITY AS element(sub, position))
WHERE jsonb_typeof(sub_scores) = 'array'
  AND EXISTS (SELECT 1 FROM jsonb_array_elements(sub_scores) AS element(sub)
              WHERE sub -> 'attributes' -> 'ceiling-note' IS NOT NULL);
