global using StoreContext = TicketMail.Bench.FloorEf.Postgres.PostgresFloorContext;
