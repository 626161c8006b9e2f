global using StoreContext = TicketMail.Data.Postgres.PostgresTicketContext;
global using BlobWriter = TicketMail.Data.Postgres.BlobWriter;
global using SearchSql = TicketMail.Data.Postgres.SearchSql;
