using System.Globalization;

namespace Ecommerce.Dashboard.Api;

/// <summary>The viewer's time zone and language, read from the browser once per circuit, so times show in their locale.</summary>
public sealed class ViewerLocale
{
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private CultureInfo _culture = CultureInfo.InvariantCulture;

    public void Set(string? timeZone, string? language)
    {
        if (timeZone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone)) _zone = zone;
        try
        {
            if (!string.IsNullOrWhiteSpace(language)) _culture = CultureInfo.GetCultureInfo(language);
        }
        catch (CultureNotFoundException)
        {
        }
    }

    public TimeZoneInfo Zone => _zone;

    /// <summary>A bucket's start as the viewer reads it: its hour (today) or its day.</summary>
    public string BucketLabel(DateTime utc, string bucket)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), _zone);
        return bucket == "hour" ? local.ToString("HH:00", _culture) : local.ToString("MMM d", _culture);
    }

    public string Time(DateTime? utc) => utc is { } value
        ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(value, DateTimeKind.Utc), _zone).ToString("g", _culture)
        : "—";
}
