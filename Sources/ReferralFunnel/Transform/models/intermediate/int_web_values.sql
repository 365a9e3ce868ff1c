-- Grain: one row per first-event web value pair (utm_source, referrer_host; '' for none) seen
-- in any session. Small: a few hundred pairs however many sessions there are.
-- The web source of a session comes from its first event (SPEC section 3): its utm_source,
-- else a referrer host that is not one of the site's own domains, else (direct). A web value
-- matching a registry name or alias is that source; any other is an unregistered source,
-- keyed by its normalized name until int_unregistered_sources names it.
with pairs as (
    select distinct utm_source, referrer_host from int_session_counts_by_week
),

registry_names as (
    select * from source_registry_names
),

own_site_domains as (
    select * from site_domains
),

web_values as (
    select
        utm_source,
        referrer_host,
        case
            when utm_source <> '' then utm_source
            when referrer_host <> ''
                and normalize_name(referrer_host) not in (select normalized_domain from own_site_domains)
                then referrer_host
        end as web_value,
        case
            when utm_source <> '' then 'utm_source'
            when referrer_host <> ''
                and normalize_name(referrer_host) not in (select normalized_domain from own_site_domains)
                then 'referrer_host'
            else 'direct'
        end as web_value_kind
    from pairs
),

final as (
    select
        web_values.utm_source,
        web_values.referrer_host,
        web_values.web_value,
        web_values.web_value_kind,
        normalize_name(web_values.web_value) as normalized_web_value,
        case
            when web_values.web_value is null then '(direct)'
            when registry_names.source_name is not null then 'registered:' || registry_names.source_name
            else 'unregistered:' || normalize_name(web_values.web_value)
        end as source_key
    from web_values
    left join registry_names on registry_names.normalized_name = normalize_name(web_values.web_value)
)

select * from final
