-- An idempotent write can be one statement (the effect, its answer and the key's row together):
-- when the key turns out to be live (another request stored an answer with it first), the
-- statement calls this to fail, which undoes everything it wrote. SQLSTATE EX409 tells the
-- sandbox to replay the stored answer instead. (One line: migrations split at a ; ending a line.)
CREATE FUNCTION expys_idempotency_key_taken() RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$ BEGIN RAISE EXCEPTION 'this Idempotency-Key already has a stored answer' USING ERRCODE = 'EX409'; END $$;
