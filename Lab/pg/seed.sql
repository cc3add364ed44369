-- Seeds the `users` table on the primary, set-based and deterministic: row i always gets the same
-- id, names, birthday, city and biography, so two labs seeded with the same N hold the same data.
-- Run by `Lab/lab seed` as: psql -v users=N -f seed.sql (as the app role `lab`, database `lab`).
-- The name lists have coprime lengths (60 first names, 61 last names), so the (first, last) pairs
-- cycle through all 3,660 combinations; every prefix the load test asks for has matches.
-- Only one first name starts with 'Jo' and one last name with 'Sm', so the study's check query
-- (first_name like 'Jo%' and last_name like 'Sm%') is selective and the planner uses users_name_prefix.
\set ON_ERROR_STOP on
set client_min_messages = warning;
set maintenance_work_mem = '256MB';

begin;
drop table if exists users;
create table users (
  id uuid not null,
  first_name text not null,
  last_name text not null,
  birthday date,
  biography text,
  city text,
  deleted boolean not null default false
);

insert into users (id, first_name, last_name, birthday, biography, city)
select md5('user' || i)::uuid,
       n.first_names[1 + (i * 7919) % array_length(n.first_names, 1)],
       n.last_names[1 + (i * 104729) % array_length(n.last_names, 1)],
       case when i % 50 = 0 then null else date '1950-01-01' + ((i * 7877) % 20000)::int end,
       case when i % 7 = 0 then null
            else 'Likes ' || n.hobbies[1 + (i * 31) % array_length(n.hobbies, 1)]
                 || ' and ' || n.hobbies[1 + (i * 31 + 1 + i % 19) % array_length(n.hobbies, 1)] || '.' end,
       n.cities[1 + (i * 7829) % array_length(n.cities, 1)]
from generate_series(1::bigint, :users::bigint) as i,
     (select
        array['John', 'Peter', 'George', 'Helen', 'Victor', 'Laura', 'Mary', 'James', 'Robert',
              'Patricia', 'Jennifer', 'Michael', 'Linda', 'William', 'Elizabeth', 'David', 'Barbara',
              'Richard', 'Susan', 'Thomas', 'Jessica', 'Charles', 'Sarah', 'Christopher', 'Karen',
              'Daniel', 'Nancy', 'Matthew', 'Lisa', 'Anthony', 'Betty', 'Mark', 'Margaret', 'Donald',
              'Sandra', 'Steven', 'Ashley', 'Paul', 'Kimberly', 'Andrew', 'Emily', 'Ivan', 'Olga',
              'Dmitry', 'Anna', 'Sergey', 'Elena', 'Alexei', 'Natalia', 'Mikhail', 'Tatiana', 'Pavel',
              'Irina', 'Nikolai', 'Svetlana', 'Maria', 'Carlos', 'Sofia', 'Lucas', 'Amelia']::text[]
          as first_names,
        array['Smith', 'Orlov', 'Fedorov', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller',
              'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson',
              'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson', 'White',
              'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen',
              'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams',
              'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Ivanov', 'Petrov', 'Sidorov',
              'Kuznetsov', 'Popov', 'Volkov', 'Sokolov', 'Lebedev', 'Kozlov', 'Novikov', 'Morozov']::text[]
          as last_names,
        array['Moscow', 'Saint Petersburg', 'Novosibirsk', 'Kazan', 'London', 'Berlin', 'Paris', 'Madrid',
              'Rome', 'Warsaw', 'Prague', 'Vienna', 'Lisbon', 'Dublin', 'Helsinki', 'Oslo', 'New York',
              'Chicago', 'Toronto', 'Sydney']::text[] as cities,
        array['hiking', 'chess', 'jazz', 'cooking', 'cycling', 'photography', 'painting', 'running',
              'reading', 'gardening', 'skiing', 'swimming', 'travel', 'film', 'poetry', 'climbing',
              'sailing', 'board games', 'astronomy', 'birdwatching']::text[] as hobbies) as n;

-- Indexes after the fill: one sorted build is much faster than a million random uuid insertions.
alter table users add constraint users_pkey primary key (id);
create index users_name_prefix on users (first_name text_pattern_ops, last_name text_pattern_ops);
commit;

analyze users;
