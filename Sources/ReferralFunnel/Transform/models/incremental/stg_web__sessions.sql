-- Grain: one row per web session. Incremental: kept between runs and merged with the
-- session parts loaded since the last transform, so a night's cost follows its new files.
-- A session's first event is its earliest across every file it appears in: by ts, then file
-- order, then line (SPEC section 3); form stages are those reached in any file.
--
-- This query yields the merged row of every session touched by the new parts. Its inputs:
-- the new parts (file_id past web_session_merge_state.merged_through_file_id) and
-- touched_sessions_before, the staged rows of the same sessions (a merged row is itself a
-- part: the first event of everything merged so far). The writer replaces those rows.
with new_parts as (
    select
        session_id, file_id, first_event_at, first_event_line, first_utm_source, first_referrer_host,
        last_event_at, event_count, has_page_view, has_form_start, has_form_submit
    from web_session_parts
    where file_id > (select merged_through_file_id from web_session_merge_state)
),

staged_parts as (
    select
        session_id, first_event_file_id, first_event_at, first_event_line, utm_source, referrer_host,
        last_event_at, event_count, has_page_view, has_form_start, has_form_submit
    from touched_sessions_before
),

parts as not materialized (
    select * from new_parts
    union all
    select * from staged_parts
),

-- One grouping pass, no window: with a single min() SQLite takes the other columns from the
-- row holding the minimum, which is the first event whenever a session has one part (nearly
-- all). Sessions with several parts are re-ranked exactly below.
merged as materialized (
    select
        session_id,
        min(first_event_at) as first_event_at,
        file_id as first_event_file_id,
        first_event_line,
        first_utm_source as utm_source,
        first_referrer_host as referrer_host,
        max(last_event_at) as last_event_at,
        sum(event_count) as event_count,
        max(has_page_view) as has_page_view,
        max(has_form_start) as has_form_start,
        max(has_form_submit) as has_form_submit,
        count(*) as part_count
    from parts
    group by session_id
),

-- Two parts may share the earliest ts; then file order, then line decide. Evaluated only
-- when some session has several parts (the exists() is constant, checked once).
multi_part_firsts as (
    select * from (
        select
            parts.*,
            row_number() over (
                partition by session_id
                order by first_event_at, file_id, first_event_line
            ) as part_order
        from parts
        where exists (select 1 from merged where part_count > 1)
            and session_id in (select session_id from merged where part_count > 1)
    )
    where part_order = 1
),

final as (
    select
        merged.session_id,
        merged.first_event_at,
        coalesce(firsts.file_id, merged.first_event_file_id) as first_event_file_id,
        coalesce(firsts.first_event_line, merged.first_event_line) as first_event_line,
        case when firsts.session_id is null then merged.utm_source else firsts.first_utm_source end as utm_source,
        case when firsts.session_id is null then merged.referrer_host else firsts.first_referrer_host end as referrer_host,
        merged.last_event_at,
        merged.event_count,
        merged.has_page_view,
        merged.has_form_start,
        merged.has_form_submit
    from merged
    left join multi_part_firsts as firsts on firsts.session_id = merged.session_id
)

select * from final
