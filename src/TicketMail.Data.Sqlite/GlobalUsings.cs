global using StoreContext = TicketMail.Data.Sqlite.SqliteTicketContext;
global using BlobWriter = TicketMail.Data.Sqlite.BlobWriter;
global using SearchSql = TicketMail.Data.Sqlite.SearchSql;
