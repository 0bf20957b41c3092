using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OppBot.Bot;

/// <summary>GET /healthz: whether OppBot can reach its database.</summary>
internal static class Health
{
    /// <summary>The name of the persistence adapter's health check.</summary>
    public const string Database = "database";

    /// <summary><c>{"status":"Healthy","database":"Healthy"}</c>, 200; 503 with the same shape when the database is down.</summary>
    public static async Task<IResult> CheckAsync(HealthCheckService health, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(c => c.Name == Database, cancellationToken);
        var database = report.Entries.TryGetValue(Database, out var entry) ? entry.Status : HealthStatus.Unhealthy;
        var body = new HealthResponse(report.Status.ToString(), database.ToString());
        return TypedResults.Json(body, statusCode: report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    }

    /// <summary>The body of /healthz.</summary>
    internal sealed record HealthResponse(string Status, string Database);
}
