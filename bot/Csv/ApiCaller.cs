using OppBot.Domain.People;

namespace OppBot.Bot.Csv;

/// <summary>
/// Who is calling an API endpoint of CSV import/export or the webhook log: the person the request's API key acts as,
/// or null when the request is not authenticated (401). The default refuses everyone; the REST API's key scheme
/// registers the real one (<c>services.AddSingleton&lt;ApiCaller&gt;(...)</c>), and tests register their own.
/// </summary>
/// <param name="context">The request.</param>
/// <param name="cancellationToken">The request's token.</param>
public delegate ValueTask<SalesRep?> ApiCaller(HttpContext context, CancellationToken cancellationToken);
