INSERT INTO `counters` () VALUES ()
-- params: []
;
INSERT INTO `counters` () VALUES ()
-- params: []
