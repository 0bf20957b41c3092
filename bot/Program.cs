using OppBot.Adapters.Persistence;
using OppBot.Adapters.Teams;
using OppBot.Adapters.WeCom;
using OppBot.Bot;
using OppBot.Bot.Api;
using OppBot.Bot.Csv;
using OppBot.Bot.Jobs;
using OppBot.Bot.Playground;
using OppBot.Bot.Webhooks;

var builder = WebApplication.CreateBuilder(args);

builder.AddOppBotStore();        // adapters/Persistence: "Database" section, SQLite or PostgreSQL, schema migrated at start
builder.AddTeamsChannel();       // adapters/Teams: "Bot" section, token validation, typed ConnectorClient, TeamsSender
builder.AddWeComChannel();       // adapters/WeCom: "WeCom" section, crypto, API client, WeComSender (off without a CorpId)
builder.AddPlayground();         // bot/Playground: Web Chat + Direct Line on localhost, demo team (before AddOppBotCore), --demo
builder.AddOppBotCore();         // bot/CoreSetup.cs: domain settings read and checked, OppBotConversation, sweep, review
builder.AddOppBotJobs();         // bot/Jobs: Quartz, AdoJobStore on the same database, hosted service
builder.AddOppBotDelivery();     // bot/Delivery: the loop draining the outbox to the senders
builder.AddOppBotCsv();          // bot/Csv: "Csv" section, import/export in chat (file fetcher, download links)
builder.AddOppBotWebhooks();     // bot/Webhooks: "Webhooks" section, delivery rows with every saved event, the sender
builder.AddOppBotApi();          // bot/Api: REST API for integrations (API keys made in chat), OpenAPI at /openapi/v1.json
builder.Services.AddProblemDetails();

var app = builder.Build();

app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = Errors.StatusCode });
app.UseStatusCodePages();
app.UseDeliverySignal();         // wakes the delivery loop after each inbound turn

app.MapTeamsChannel();           // POST /api/messages
app.MapWeComChannel();           // GET, POST /api/wecom/callback
app.MapPlayground();             // GET / (Web Chat), /v3/directline/..., /playground/... (local mode only)
app.MapOppBotCsv();              // POST /api/v1/import, GET /api/v1/export, GET /files/{token}
app.MapOppBotWebhooks();         // GET /api/v1/webhooks/deliveries
app.MapOppBotApi();              // /api/v1/opportunities…, /api/v1/reports/…, GET /openapi/v1.json
app.MapGet("/healthz", Health.CheckAsync);

app.Run();
