global using StoreContext = TicketMail.Bench.FloorEf.Sqlite.SqliteFloorContext;
