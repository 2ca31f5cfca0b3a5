-- 101: the tiers and the samples indexed by trigrams too (README.md "## Search";
-- fcgi/notices/search.c put_match_columns chooses the index).
--
-- What a select costs Groonga is mostly the postings it reads, and with bigrams a term of several
-- Chinese characters reads those of each bigram in it: 人民公园 reads 人民, in nearly every notice
-- (中华人民共和国). Its trigrams 人民公 and 民公园 are in the notices about that park and few others.
-- At a million notices, counting a project name in the third tier cost MariaDB 2.3 ms by bigrams
-- and 1.6-1.9 by trigrams; a pair of a place and goods 6.9 and 2.8 (bench/README.md "Search at a
-- million: trigrams").
--
-- A search whose every term has three Chinese characters or more (and nothing else) reads the
-- trigram index; any other search the bigram index as before: a term of two characters has no
-- trigram (Groonga would look up every trigram that begins with it), and one mixed with digits,
-- letters or symbols is cut differently by the two tokenizers. search_docs, every notice, keeps
-- one index: a search reads it only when the tiers hold too few matches, and a second index there
-- would double the rebuild's longest step.
--
-- The indexes are built from the rows already there: nothing is logged again. On a site of a
-- million notices this takes about half a minute (the third tier's 125,000 to 250,000 notices).
ALTER TABLE search_docs_tier1 ADD FULLTEXT KEY ft_trigram (content)
  COMMENT 'tokenizer "TokenTrigram", normalizer "NormalizerAuto"';
ALTER TABLE search_docs_tier2 ADD FULLTEXT KEY ft_trigram (content)
  COMMENT 'tokenizer "TokenTrigram", normalizer "NormalizerAuto"';
ALTER TABLE search_docs_tier3 ADD FULLTEXT KEY ft_trigram (content)
  COMMENT 'tokenizer "TokenTrigram", normalizer "NormalizerAuto"';
ALTER TABLE search_docs_sample ADD FULLTEXT KEY ft_trigram (content)
  COMMENT 'tokenizer "TokenTrigram", normalizer "NormalizerAuto"';
ALTER TABLE search_docs_sparse ADD FULLTEXT KEY ft_trigram (content)
  COMMENT 'tokenizer "TokenTrigram", normalizer "NormalizerAuto"';
