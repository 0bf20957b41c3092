using System.Globalization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OppBot.Domain;
using OppBot.Domain.Approvals;
using OppBot.Domain.Conversations;
using OppBot.Domain.Opportunities;
using OppBot.Domain.People;
using OppBot.Domain.Pipeline;
using OppBot.Domain.Scheduling;
using OppBot.Domain.Scoring;

namespace OppBot.Bot;

/// <summary>
/// The domain's part of the composition root: the business settings read from configuration and checked once, and the
/// conversation core, the follow-up sweep and the weekly review.
/// </summary>
public static class CoreSetup
{
    /// <summary>
    /// Reads <see cref="DomainSettings"/> (sections <c>Pipeline</c>, <c>Scoring</c>, <c>Approvals</c>, <c>Pool</c>,
    /// <c>FollowUps</c>), <see cref="SchedulingSettings"/> (<c>FollowUps</c>, <c>Review</c>) and
    /// <see cref="OrganizationSettings"/> (<c>Organization</c>); an absent section or key keeps its default. Every
    /// problem is collected with its key and start-up stops with all of them (<see cref="InvalidOperationException"/>).
    /// Registers <see cref="TimeProvider.System"/>, the settings as singletons, and <see cref="OppBotConversation"/>,
    /// <see cref="FollowUpSweep"/> and <see cref="WeeklyReview"/> as scoped services (one unit of work each).
    /// </summary>
    public static WebApplicationBuilder AddOppBotCore(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var (domain, scheduling, organization) = Read(builder.Configuration);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(domain);
        services.AddSingleton(scheduling);
        services.AddSingleton(organization);
        services.AddScoped<OppBotConversation>();
        services.AddScoped<FollowUpSweep>();
        services.AddScoped<WeeklyReview>();
        return builder;
    }

    /// <summary>Reads and checks the business settings; throws listing every problem with its key.</summary>
    public static (DomainSettings Domain, SchedulingSettings Scheduling, OrganizationSettings Organization) Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var reader = new SettingsReader(configuration);
        var pipeline = ReadPipeline(reader);
        var defaults = DomainSettings.Default;
        var domain = new DomainSettings
        {
            Pipeline = pipeline ?? PipelineDefinition.Default,
            Weights = ReadWeights(reader),
            Approvals = ReadApprovals(reader),
            LossReasons = ReadLossReasons(reader),
            DefaultCurrency = reader.String("Pipeline:DefaultCurrency") ?? defaults.DefaultCurrency,
            MaxAmount = reader.Decimal("Pipeline:MaxAmount") ?? defaults.MaxAmount,
            PoolAfterInactiveDays = reader.Int("Pool:AfterInactiveDays") ?? defaults.PoolAfterInactiveDays,
            MaxOpenDealsPerRep = reader.Int("Pool:MaxOpenDealsPerRep"),
            StallAfterDaysWithoutFollowUp = reader.Int("FollowUps:StallAfterDaysWithoutFollowUp") ?? defaults.StallAfterDaysWithoutFollowUp,
        };

        // Approvals name stages: while the configured pipeline is broken they are not checked against the default one.
        reader.Problems.AddRange(domain.Validate().Where(p => pipeline is not null || !p.StartsWith("Approvals:Stages", StringComparison.Ordinal)));

        var scheduling = SchedulingSettings.TryCreate(
            reader.Bool("FollowUps:AutoReleaseToPool") ?? false,
            reader.String("Review:Day"),
            reader.String("Review:Time"),
            out var schedulingProblems);
        reader.Problems.AddRange(schedulingProblems);

        var organization = ReadOrganization(reader);
        reader.Problems.AddRange(organization.Validate());

        if (reader.Problems.Count > 0)
        {
            throw new InvalidOperationException(
                "OppBot cannot start: the configuration has problems:" + Environment.NewLine +
                string.Join(Environment.NewLine, reader.Problems.Distinct(StringComparer.Ordinal).Select(p => "  - " + p)));
        }

        return (domain, scheduling!, organization);
    }

    private static PipelineDefinition? ReadPipeline(SettingsReader reader)
    {
        var section = reader.Configuration.GetSection("Pipeline:Stages");
        if (!section.GetChildren().Any())
        {
            return PipelineDefinition.Default;
        }

        var stages = new List<StageDefinition>();
        foreach (var (stage, i) in reader.Items(section))
        {
            var key = $"Pipeline:Stages:{i}";
            var criteria = new List<ExitCriterion>();
            foreach (var (criterion, j) in reader.Items(stage.GetSection("ExitCriteria")))
            {
                if (Enum.TryParse<ExitCriterion>(criterion.Value, ignoreCase: true, out var parsed) && !int.TryParse(criterion.Value, out _))
                {
                    criteria.Add(parsed);
                }
                else
                {
                    reader.Problems.Add($"{key}:ExitCriteria:{j} must be one of {string.Join(", ", Enum.GetNames<ExitCriterion>())} (was '{criterion.Value}')");
                }
            }

            stages.Add(new StageDefinition(
                reader.String($"{key}:Code") ?? string.Empty,
                reader.String($"{key}:NameZh") ?? string.Empty,
                reader.String($"{key}:NameEn") ?? string.Empty,
                criteria,
                reader.Int($"{key}:SlaDays") ?? 0,
                reader.Decimal($"{key}:Probability") ?? 0m));
        }

        var pipeline = PipelineDefinition.TryCreate(stages, out var problems);
        reader.Problems.AddRange(problems);
        return pipeline;
    }

    private static ScoreWeights ReadWeights(SettingsReader reader)
    {
        var d = ScoreWeights.Default;
        return new ScoreWeights(
            reader.Int("Scoring:Weights:CompanySize") ?? d.CompanySize,
            reader.Int("Scoring:Weights:Urgency") ?? d.Urgency,
            reader.Int("Scoring:Weights:DecisionMakerAccess") ?? d.DecisionMakerAccess,
            reader.Int("Scoring:Weights:ProductFit") ?? d.ProductFit);
    }

    private static ApprovalPolicy ReadApprovals(SettingsReader reader)
    {
        var d = ApprovalPolicy.Default;
        var stages = reader.Configuration.GetSection("Approvals:Stages");
        return new ApprovalPolicy
        {
            Stages = stages.GetChildren().Any() ? reader.Items(stages).Select(s => s.Section.Value?.Trim() ?? string.Empty).ToList() : d.Stages,
            AmountThreshold = reader.Decimal("Approvals:AmountThreshold") ?? d.AmountThreshold,
            MaxDiscountPercent = reader.Decimal("Approvals:MaxDiscountPercent") ?? d.MaxDiscountPercent,
        };
    }

    private static IReadOnlyList<LossReason> ReadLossReasons(SettingsReader reader)
    {
        var section = reader.Configuration.GetSection("Pipeline:LossReasons");
        if (!section.GetChildren().Any())
        {
            return LossReason.Defaults;
        }

        var reasons = new List<LossReason>();
        foreach (var (_, i) in reader.Items(section))
        {
            var key = $"Pipeline:LossReasons:{i}";
            var code = reader.String($"{key}:Code");
            var zh = reader.String($"{key}:NameZh");
            var en = reader.String($"{key}:NameEn");
            if (code is null || zh is null || en is null)
            {
                reader.Problems.Add($"{key} needs Code, NameZh and NameEn");
                continue;
            }

            reasons.Add(new LossReason(code, zh, en, reader.Bool($"{key}:NeedsNote") ?? false));
        }

        return reasons;
    }

    private static OrganizationSettings ReadOrganization(SettingsReader reader)
    {
        var teams = reader.Items(reader.Configuration.GetSection("Organization:Teams")).Select(t =>
        {
            var key = $"Organization:Teams:{t.Index}";
            return new TeamSettings
            {
                Id = reader.String($"{key}:Id") ?? string.Empty,
                Name = reader.String($"{key}:Name"),
                TimeZoneId = reader.String($"{key}:TimeZoneId"),
                MonthlyTarget = reader.Decimal($"{key}:MonthlyTarget"),
            };
        }).ToList();
        var people = reader.Items(reader.Configuration.GetSection("Organization:People")).Select(p =>
        {
            var key = $"Organization:People:{p.Index}";
            return new PersonSettings
            {
                Channel = reader.String($"{key}:Channel") ?? string.Empty,
                ExternalId = reader.String($"{key}:ExternalId") ?? string.Empty,
                Role = reader.Enum<Role>($"{key}:Role") ?? Role.Rep,
                TeamId = reader.String($"{key}:TeamId"),
                MonthlyTarget = reader.Decimal($"{key}:MonthlyTarget"),
            };
        }).ToList();
        return new OrganizationSettings
        {
            DefaultTeamId = reader.String("Organization:DefaultTeamId") ?? OrganizationSettings.Default.DefaultTeamId,
            Teams = teams,
            People = people,
        };
    }

    // Typed reads of configuration text; a value that does not parse is a problem naming its key, not an exception,
    // so one start lists everything that is wrong.
    private sealed class SettingsReader(IConfiguration configuration)
    {
        public IConfiguration Configuration { get; } = configuration;

        public List<string> Problems { get; } = [];

        public string? String(string key) => string.IsNullOrWhiteSpace(Configuration[key]) ? null : Configuration[key]!.Trim();

        public int? Int(string key) => Parse(key, "a whole number", s => (int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v), v));

        public decimal? Decimal(string key) => Parse(key, "a number", s => (decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var v), v));

        public bool? Bool(string key) => Parse(key, "true or false", s => (bool.TryParse(s, out var v), v));

        public T? Enum<T>(string key)
            where T : struct, Enum =>
            Parse(key, "one of " + string.Join(", ", System.Enum.GetNames<T>()), s => (System.Enum.TryParse<T>(s, ignoreCase: true, out var v) && !int.TryParse(s, out _), v));

        // Array items in index order (configuration sorts "10" before "2" as text).
        public IEnumerable<(IConfigurationSection Section, int Index)> Items(IConfigurationSection section) =>
            section.GetChildren()
                .Select(c => (Section: c, Index: int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : int.MaxValue))
                .OrderBy(c => c.Index)
                .ToList();

        private T? Parse<T>(string key, string expected, Func<string, (bool Ok, T Value)> parse)
            where T : struct
        {
            var text = String(key);
            if (text is null)
            {
                return null;
            }

            var (ok, value) = parse(text);
            if (!ok)
            {
                Problems.Add($"{key} must be {expected} (was '{text}')");
                return null;
            }

            return value;
        }
    }
}
