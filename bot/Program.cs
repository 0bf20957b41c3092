using OppBot.Adapters.Persistence;
using OppBot.Adapters.Teams;
using OppBot.Adapters.WeCom;
using OppBot.Bot;
using OppBot.Bot.Jobs;

var builder = WebApplication.CreateBuilder(args);

builder.AddOppBotStore();        // adapters/Persistence: "Database" section, SQLite or PostgreSQL, schema migrated at start
builder.AddTeamsChannel();       // adapters/Teams: "Bot" section, token validation, typed ConnectorClient, TeamsSender
builder.AddWeComChannel();       // adapters/WeCom: "WeCom" section, crypto, API client, WeComSender (off without a CorpId)
builder.AddOppBotCore();         // bot/CoreSetup.cs: domain settings read and checked, OppBotConversation, sweep, review
builder.AddOppBotJobs();         // bot/Jobs: Quartz, AdoJobStore on the same database, hosted service
builder.AddOppBotDelivery();     // bot/Delivery: the loop draining the outbox to the senders
builder.Services.AddProblemDetails();

var app = builder.Build();

app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = Errors.StatusCode });
app.UseStatusCodePages();
app.UseDeliverySignal();         // wakes the delivery loop after each inbound turn

app.MapTeamsChannel();           // POST /api/messages
app.MapWeComChannel();           // GET, POST /api/wecom/callback
app.MapGet("/healthz", Health.CheckAsync);

app.Run();
