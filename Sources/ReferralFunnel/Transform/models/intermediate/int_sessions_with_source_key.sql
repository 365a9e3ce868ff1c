-- Grain: one row per web session.
-- The web source of a session comes from its first event (SPEC section 3): its utm_source,
-- else a referrer host that is not one of the site's own domains, else (direct). A web value
-- matching a registry name or alias is that source; any other is an unregistered source,
-- keyed by its normalized name until int_unregistered_sources names it.
with sessions as (
    select * from stg_web__sessions
),

registry_names as (
    select * from source_registry_names
),

own_site_domains as (
    select * from site_domains
),

web_values as (
    select
        sessions.*,
        case
            when sessions.utm_source is not null then sessions.utm_source
            when sessions.referrer_host is not null
                and normalize_name(sessions.referrer_host) not in (select normalized_domain from own_site_domains)
                then sessions.referrer_host
        end as web_value,
        case
            when sessions.utm_source is not null then 'utm_source'
            when sessions.referrer_host is not null
                and normalize_name(sessions.referrer_host) not in (select normalized_domain from own_site_domains)
                then 'referrer_host'
            else 'direct'
        end as web_value_kind
    from sessions
),

normalized as (
    select
        web_values.*,
        normalize_name(web_values.web_value) as normalized_web_value
    from web_values
),

final as (
    select
        normalized.session_id,
        normalized.first_event_at,
        normalized.first_event_file_id,
        normalized.first_event_line,
        normalized.last_event_at,
        normalized.has_page_view,
        normalized.has_form_start,
        normalized.has_form_submit,
        normalized.web_value,
        normalized.web_value_kind,
        normalized.normalized_web_value,
        case
            when normalized.web_value is null then '(direct)'
            when registry_names.source_name is not null then 'registered:' || registry_names.source_name
            else 'unregistered:' || normalized.normalized_web_value
        end as source_key
    from normalized
    left join registry_names on registry_names.normalized_name = normalized.normalized_web_value
)

select * from final
