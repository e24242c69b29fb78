using System.Text;
using Ecommerce.Notifications.Delivery;

namespace Ecommerce.UnitTests.Notifications;

public sealed class SmtpWireTests
{
    [Test]
    public async Task Given_replies_that_arrive_together_Then_each_is_read_whole_with_its_lines()
    {
        var replies = new SmtpReplies(new MemoryStream("250-sink\r\n250-PIPELINING\r\n250 AUTH PLAIN LOGIN\r\n550 5.1.1 No such mailbox\r\n250\r\n"u8.ToArray()));

        var hello = await replies.ReadAsync(CancellationToken.None);
        var refusal = await replies.ReadAsync(CancellationToken.None);
        var bare = await replies.ReadAsync(CancellationToken.None);

        Assert.That(hello.Code, Is.EqualTo(250));
        Assert.That(hello.Lines, Is.EqualTo(new[] { "sink", "PIPELINING", "AUTH PLAIN LOGIN" }));
        Assert.That((refusal.Positive, refusal.ToString()), Is.EqualTo((false, "550 5.1.1 No such mailbox")));
        Assert.That((bare.Code, bare.Text), Is.EqualTo((250, "")));
        Assert.ThrowsAsync<IOException>(async () => await replies.ReadAsync(CancellationToken.None), "the server closed the connection");
    }

    [TestCase("hello there\r\n")]
    [TestCase("25\r\n")]
    [TestCase("250*no\r\n")]
    [TestCase("099 too low\r\n")]
    public void Given_a_line_that_is_not_a_reply_Then_the_conversation_ends(string line)
    {
        var replies = new SmtpReplies(new MemoryStream(Encoding.ASCII.GetBytes(line)));
        Assert.ThrowsAsync<IOException>(async () => await replies.ReadAsync(CancellationToken.None));
    }

    [Test]
    public void Given_a_line_longer_than_the_buffer_Then_the_conversation_ends()
    {
        var replies = new SmtpReplies(new MemoryStream(Encoding.ASCII.GetBytes("250 " + new string('x', 9000) + "\r\n")));
        Assert.ThrowsAsync<IOException>(async () => await replies.ReadAsync(CancellationToken.None));
    }

    [TestCase("a\r\n.b\r\n..c\r\n", "a\r\n..b\r\n...c\r\n.\r\n")]
    [TestCase(".first\r\nlast", "..first\r\nlast\r\n.\r\n")]
    [TestCase("", ".\r\n")]
    public void Given_a_text_for_DATA_Then_each_line_that_starts_with_a_dot_gets_another_and_a_lone_dot_ends_it(string text, string wire) =>
        Assert.That(Encoding.ASCII.GetString(SmtpSession.DotStuffed(Encoding.ASCII.GetBytes(text))), Is.EqualTo(wire));

    [Test]
    public void Given_a_lane_s_rows_Then_groups_keep_their_order_hold_at_most_so_many_and_no_order_twice()
    {
        var rows = new[] { 1, 2, 1, 3, 4, 5, 5 }.Select((order, i) => new OwedDelivery { NotificationId = 100 + i, OrderId = order }).ToList();

        var groups = DeliveryWorker.Groups(rows, 3).Select(g => g.Select(r => r.NotificationId)).ToList();
        var single = DeliveryWorker.Groups(rows, 1);

        Assert.That(groups, Is.EqualTo(new[] { new[] { 100, 101 }, new[] { 102, 103, 104 }, new[] { 105 }, new[] { 106 } }));
        Assert.That(single.Select(g => g.Single().NotificationId), Is.EqualTo(rows.Select(r => r.NotificationId)));
        Assert.That(DeliveryWorker.Groups([], 3), Is.Empty);
    }
}
