namespace Ecommerce.Notifications.Templates;

/// <summary>The five templates of D20, in the polite Japanese a shop writes to its customers. Add a sixth here.</summary>
internal static class TemplateCatalog
{
    public static readonly IReadOnlyDictionary<string, NotificationTemplate> All = new[]
    {
        new NotificationTemplate(
            "ORDER_CONFIRMATION",
            "ご注文確認 — 注文番号 #{order_id}",
            [
                "{customer_name} 様",
                "",
                "ご注文ありがとうございます。以下の内容でご注文を承りました。",
                "",
                "注文番号: #{order_id}",
                "商品点数: {item_count}点",
                "ご請求金額: {total_amount}",
                "",
                "商品の発送準備が整い次第、改めてご連絡いたします。",
                "今後ともよろしくお願いいたします。",
            ],
            ["【ご注文確認】{customer_name} 様、ご注文 #{order_id} を承りました。", "ご請求金額: {total_amount}"]),
        new NotificationTemplate(
            "ORDER_SHIPPED",
            "発送のお知らせ — 注文番号 #{order_id}",
            [
                "{customer_name} 様",
                "",
                "ご注文の商品を発送いたしました。",
                "",
                "注文番号: #{order_id}",
                "配送業者: {carrier}",
                "お問い合わせ番号: {tracking_number}",
                "",
                "商品の到着まで、今しばらくお待ちください。",
            ],
            ["【発送のお知らせ】{customer_name} 様、ご注文 #{order_id} の商品を発送いたしました。", "お問い合わせ番号: {tracking_number}"]),
        new NotificationTemplate(
            "ORDER_DELIVERED",
            "配達完了のお知らせ — 注文番号 #{order_id}",
            [
                "{customer_name} 様",
                "",
                "ご注文の商品の配達が完了いたしました。",
                "",
                "注文番号: #{order_id}",
                "",
                "このたびはご利用いただき、誠にありがとうございました。",
                "またのご利用を心よりお待ちしております。",
            ],
            ["【配達完了】{customer_name} 様、ご注文 #{order_id} の商品の配達が完了しました。ありがとうございました。"]),
        new NotificationTemplate(
            "ORDER_CANCELLED",
            "ご注文キャンセルのお知らせ — 注文番号 #{order_id}",
            [
                "{customer_name} 様",
                "",
                "ご注文のキャンセルを承りました。",
                "",
                "注文番号: #{order_id}",
                "キャンセル金額: {total_amount}",
                "",
                "お支払い済みの代金は、ご利用のお支払い方法へ返金いたします。",
                "またのご利用をお待ちしております。",
            ],
            ["【キャンセル完了】{customer_name} 様、ご注文 #{order_id} のキャンセルを承りました。"]),
        new NotificationTemplate(
            "PAYMENT_FAILED",
            "お支払いエラーのお知らせ — 注文番号 #{order_id}",
            [
                "{customer_name} 様",
                "",
                "ご注文のお支払い手続きを完了できませんでした。",
                "",
                "注文番号: #{order_id}",
                "ご請求金額: {total_amount}",
                "理由: {reason}",
                "",
                "お手数ですが、お支払い方法をご確認のうえ、改めてお手続きください。",
            ],
            ["【お支払いエラー】{customer_name} 様、ご注文 #{order_id} のお支払いを完了できませんでした。お支払い方法をご確認ください。"]),
    }.ToDictionary(t => t.Name);

    public static IEnumerable<string> Names => All.Keys.Order(StringComparer.Ordinal);
}
