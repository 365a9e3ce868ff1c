-- Grain: one row per submission id.
-- The form_submit that decides a submission's session is the first by ts, then file order,
-- then line (SPEC section 3, rule 5).
-- Kept between runs: rebuilt only for the submission ids in scope, from all of their rows.
with form_submits as (
    select * from scoped_web_form_submits
),

submits_in_event_order as (
    select
        submission_id,
        session_id,
        submitted_at,
        file_id,
        line,
        row_number() over (
            partition by submission_id
            order by submitted_at, file_id, line
        ) as submit_order
    from form_submits
),

final as (
    select submission_id, session_id, submitted_at, file_id, line
    from submits_in_event_order
    where submit_order = 1
)

select * from final
