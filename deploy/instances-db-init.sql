-- The platform administers instance databases with CREATEDB and CREATEROLE, never as superuser
-- (the prototype's issue #008).
CREATE ROLE instance_admin LOGIN PASSWORD 'instance_admin' CREATEDB CREATEROLE;
