global using StoreContext = TicketMail.Data.Sqlite.SqliteTicketContext;
