namespace OppBot.Domain.People;

/// <summary>Looks up IANA time zones.</summary>
public static class TimeZones
{
    /// <summary>Finds a zone by IANA id.</summary>
    public static bool TryFind(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
            return true;
        }
        catch (TimeZoneNotFoundException)
        {
            return false;
        }
        catch (InvalidTimeZoneException)
        {
            return false;
        }
    }

    /// <summary>Finds a zone, or Asia/Shanghai when the id is unknown.</summary>
    public static TimeZoneInfo FindOrDefault(string? id) =>
        TryFind(id, out var zone) ? zone : TryFind(SalesRep.DefaultTimeZoneId, out var shanghai) ? shanghai : TimeZoneInfo.Utc;
}
