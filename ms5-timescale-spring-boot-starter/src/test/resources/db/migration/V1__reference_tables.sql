-- The four reference MS5 tables, as plain tables (as ReferenceWorkload creates them): the starter turns them
-- into hypertables after this migration.
CREATE TABLE metric_hist (
    metric_def_id uuid NOT NULL,
    ts timestamptz NOT NULL,
    value_bool boolean,
    value_int bigint,
    value_real double precision,
    value_text text,
    value_json jsonb);
CREATE INDEX metric_hist_metric_ts_idx ON metric_hist (metric_def_id, ts DESC);
CREATE TABLE oee_calculations (
    line_id uuid NOT NULL,
    calculation_time timestamptz NOT NULL,
    availability double precision,
    performance double precision,
    quality double precision,
    oee double precision);
CREATE TABLE energy_consumption (
    time timestamptz NOT NULL,
    equipment_code text NOT NULL,
    consumption_kwh double precision,
    power_kw double precision);
CREATE TABLE production_kpis (
    time timestamptz NOT NULL,
    line_id uuid NOT NULL,
    units_produced bigint,
    units_scrapped bigint,
    cycle_time_s double precision);
