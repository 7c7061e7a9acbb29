INSERT INTO `counters` () VALUES ()
-- params: []
;
SELECT LAST_INSERT_ID(), @@auto_increment_increment
-- params: []
;
INSERT INTO `counters` () VALUES ()
-- params: []
;
SELECT LAST_INSERT_ID(), @@auto_increment_increment
-- params: []
;
SELECT `id` FROM `counters` WHERE `id` IN 
-- params: []
