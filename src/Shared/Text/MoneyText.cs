using System.Globalization;

namespace Ecommerce.Shared.Text;

/// <summary>
/// Money as people read it, the same in emails and in the dashboard: yen without a minor unit (¥183,100), other
/// currencies with two decimals and their code (1,999.99 USD); halves round away from zero (¥100.5 → ¥101).
/// Wire JSON is not this: there amounts are plain numbers (PythonFloat).
/// </summary>
public static class MoneyText
{
    public static string Format(decimal amount, string currency) => currency == "JPY"
        ? "¥" + Math.Round(amount, 0, MidpointRounding.AwayFromZero).ToString("#,0", CultureInfo.InvariantCulture)
        : Math.Round(amount, 2, MidpointRounding.AwayFromZero).ToString("#,0.00", CultureInfo.InvariantCulture) + " " + currency;
}
