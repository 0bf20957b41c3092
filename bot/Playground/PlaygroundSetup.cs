using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OppBot.Domain.Delivery;

namespace OppBot.Bot.Playground;

/// <summary>
/// The local playground: Microsoft's Web Chat (bundled by the build from npm) at <c>/</c>, talking to OppBot through a
/// Direct Line 3.0 endpoint OppBot serves itself, as one of a demo team's people. On in local mode only, unless
/// configured (see <see cref="PlaygroundOptions.Enabled"/>).
/// </summary>
public static class PlaygroundSetup
{
    /// <summary>
    /// When the playground is on: binds and checks the "Playground" section and registers the Direct Line token issuer,
    /// the transcript store and the <c>directline</c> sender. With <c>--demo</c> or <c>Playground:Demo=true</c> also
    /// configures the demo team and its people in <c>Organization</c> (roles, targets; so call this before
    /// <c>AddOppBotCore</c>, which reads that section) and registers the demo data seed.
    /// </summary>
    public static WebApplicationBuilder AddPlayground(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;

        // --demo is a switch without a value, which the default command-line source cannot read: it takes the next
        // argument as its value ("--demo --urls x" loses the urls). Read the arguments again without it.
        var args = Environment.GetCommandLineArgs().Skip(1).ToArray();
        var demoSwitch = args.Contains(PlaygroundOptions.DemoSwitch, StringComparer.OrdinalIgnoreCase);
        if (demoSwitch)
        {
            configuration.AddCommandLine(args.Where(a => !a.Equals(PlaygroundOptions.DemoSwitch, StringComparison.OrdinalIgnoreCase)).ToArray());
        }

        if (!PlaygroundOptions.IsEnabled(configuration))
        {
            return builder;
        }

        var services = builder.Services;
        if (demoSwitch || (bool.TryParse(configuration[$"{PlaygroundOptions.SectionName}:{nameof(PlaygroundOptions.Demo)}"], out var demo) && demo))
        {
            var entries = PlaygroundPeople.OrganizationEntries(configuration);
            entries[$"{PlaygroundOptions.SectionName}:{nameof(PlaygroundOptions.Demo)}"] = "true";
            configuration.AddInMemoryCollection(entries);
            services.AddHostedService<DemoSeed>();
        }

        services.AddOptions<PlaygroundOptions>()
            .BindConfiguration(PlaygroundOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DirectLineTokens>();
        services.AddSingleton<DirectLineTranscript>();
        services.AddSingleton<DirectLineRenderer>();
        services.AddSingleton<IChannelSender, DirectLineSender>();
        return builder;
    }

    /// <summary>
    /// When the playground is on: maps the page (<c>/</c>), the Direct Line API (<c>/v3/directline/…</c>) and the
    /// playground's own calls (<c>/playground/…</c>), answering only callers on this machine unless opened to all.
    /// </summary>
    public static WebApplication MapPlayground(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!PlaygroundOptions.IsEnabled(app.Configuration))
        {
            return app;
        }

        var options = app.Services.GetRequiredService<IOptions<PlaygroundOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PlaygroundSetup).FullName!);
        var group = app.MapGroup(string.Empty).AddEndpointFilter(async (context, next) =>
            PlaygroundEndpoints.IsAllowed(context.HttpContext, options) ? await next(context) : TypedResults.NotFound());
        DirectLineEndpoints.Map(group);
        PlaygroundEndpoints.Map(group);

        if (options.AllowsRemoteCallers)
        {
            Log.PlaygroundOpenToAll(logger);
        }

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            if (!PlaygroundEndpoints.HasWebChat(app.Environment))
            {
                Log.WebChatMissing(logger);
            }

            foreach (var address in app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
            {
                Log.PlaygroundReady(logger, address.TrimEnd('/') + "/");
            }
        });
        return app;
    }
}
