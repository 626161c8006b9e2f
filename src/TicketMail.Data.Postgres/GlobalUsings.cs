global using StoreContext = TicketMail.Data.Postgres.PostgresTicketContext;
