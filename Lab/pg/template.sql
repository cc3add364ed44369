-- The write table of the failover experiment: one row per acknowledged `POST /template`.
-- Created (if missing) by Lab/lab on the primary as the app role `lab`, database `lab`.
create table if not exists template (
  id bigserial primary key,
  name text not null,
  body text not null default '',
  created_at timestamptz not null default now()
);
