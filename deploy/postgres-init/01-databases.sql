-- One database per service (DESIGN.md: no service reads another's tables).
-- The postgres image runs this once, when its data volume is new, as
-- POSTGRES_USER, who then owns the three databases. The tables are made by
-- the migrate job (`fabene db upgrade all`).
CREATE DATABASE fabene_registry;
CREATE DATABASE fabene_exchange;
CREATE DATABASE fabene_notifications;
