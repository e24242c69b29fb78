using System.ComponentModel;
using System.Globalization;
using Ecommerce.Shared.Hosting;

namespace Ecommerce.Shared.Security;

/// <summary>The <c>Webhooks</c> section: the secrets that sign webhooks and check them (see <see cref="WebhookSigning"/>).</summary>
public sealed class WebhookOptions : IModuleOptions
{
    public const string Section = "Webhooks";

    /// <summary>The first signs, all verify. Unset: webhooks are neither signed nor checked, as in the original.</summary>
    public SecretList SigningSecrets { get; init; } = [];

    public IEnumerable<string> Problems() =>
        SigningSecrets.Select((text, index) => WebhookSigning.Problem(text, $"Webhooks:SigningSecrets:{index}")).OfType<string>();
}

/// <summary>
/// A list (<c>Webhooks:SigningSecrets:0</c>, <c>:1</c>...) or one value with the secrets separated by spaces, as an
/// environment variable holds them: the configuration binder converts a single value with this type's converter.
/// </summary>
[TypeConverter(typeof(SpaceSeparated))]
public sealed class SecretList : List<string>
{
    private sealed class SpaceSeparated : TypeConverter
    {
        public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) => sourceType == typeof(string);

        public override object ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value)
        {
            var list = new SecretList();
            list.AddRange(((string)value).Split(' ', StringSplitOptions.RemoveEmptyEntries));
            return list;
        }
    }
}
