using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OppBot.Adapters.Persistence;
using OppBot.Domain.Imports;

namespace OppBot.Bot.Csv;

/// <summary>CSV import and export: chat commands (through <c>OppBotConversation</c>) and HTTP endpoints.</summary>
public static class CsvSetup
{
    /// <summary>
    /// Binds and checks the "Csv" section at start; registers <see cref="CsvSettings"/>, the database-backed
    /// <see cref="ITemporaryFileStore"/>, the HTTP <see cref="IFileFetcher"/> (typed client), and an <see cref="ApiCaller"/>
    /// that refuses everyone unless one is registered already (<c>AddOppBotApi</c> registers its API key authenticator, and
    /// the last registration wins). With these registered, the container builds <c>OppBotConversation</c> with its CSV
    /// constructor, so <c>import</c>/<c>export</c> work in chat.
    /// </summary>
    public static WebApplicationBuilder AddOppBotCsv(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<CsvOptions>()
            .BindConfiguration(CsvOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<CsvOptions>>().Value;
            return new CsvSettings
            {
                Limits = new ImportLimits { MaxFileBytes = options.MaxFileBytes, MaxRows = options.MaxRows },
                PublicBaseUrl = new Uri(options.PublicBaseUrl, UriKind.Absolute),
                LinkLifetime = options.LinkLifetime,
                PendingImportLifetime = options.PendingImportLifetime,
            };
        });
        services.AddSingleton<ITemporaryFileStore, TemporaryFileStore>();
        services.AddHttpClient<IFileFetcher, HttpFileFetcher>(client => client.Timeout = TimeSpan.FromSeconds(60));
        services.TryAddSingleton<ApiCaller>((_, _) => ValueTask.FromResult<Domain.People.SalesRep?>(null));
        return builder;
    }

    /// <summary>POST /api/v1/import, GET /api/v1/export, GET /files/{token}.</summary>
    public static WebApplication MapOppBotCsv(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/api/v1/import", CsvEndpoints.ImportAsync).DisableAntiforgery();
        app.MapGet("/api/v1/export", CsvEndpoints.ExportAsync);
        app.MapGet("/files/{token}", CsvEndpoints.DownloadAsync);
        return app;
    }
}
