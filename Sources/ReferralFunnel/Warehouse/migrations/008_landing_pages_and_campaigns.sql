-- Migration 8: what SPEC 4.1 reads of a session part. The first event's utm_medium and
-- utm_campaign (beside its utm_source), and the part's first page_view: its instant and line
-- (the session's landing page is that of its earliest page_view across parts, by ts, then
-- file order, then line) and its page reduced to a path with id-like segments masked
-- (LandingPagePath): the only part of a page the warehouse keeps (SPEC 8). Rows loaded
-- before have none of these: IngestVersion 3 asks such a warehouse for `rebuild`.
alter table web_session_parts add column first_utm_medium text;
alter table web_session_parts add column first_utm_campaign text;
alter table web_session_parts add column first_page_view_at integer;
alter table web_session_parts add column first_page_view_line integer;
alter table web_session_parts add column landing_page text;
