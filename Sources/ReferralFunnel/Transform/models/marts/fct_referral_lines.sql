-- Grain: one row per referral. A view: read only when someone traces a number
-- (`referral-funnel explain`).
-- The export file and line each referral's current state came from: its winning snapshot
-- row (SPEC section 2.5), so an analyst can open the row behind every referral of a cell.
with referrals as (
    select * from stg_intake__referrals
),

files as (
    select * from ingested_files
),

final as (
    select
        referrals.referral_id,
        files.path as winning_file_path,
        referrals.winning_line
    from referrals
    inner join files on files.file_id = referrals.winning_file_id
)

select * from final
