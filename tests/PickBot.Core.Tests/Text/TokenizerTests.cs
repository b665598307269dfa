using PickBot.Core.Text;

namespace PickBot.Core.Tests.Text;

public sealed class TokenizerTests
{
    [Theory]
    [InlineData("Multi-Task Learning", "multi task learning")]
    [InlineData("C++ vs C#", "c++ vs c#")]
    [InlineData("Node.js or .NET?", "node.js or .net")]
    [InlineData("don't we?", "dont we")]
    [InlineData("3-person team", "3 person team")]
    [InlineData("kafka/rabbitmq", "kafka rabbitmq")]
    [InlineData("end.", "end")]
    [InlineData("the service's queries", "the service queries")]
    [InlineData("it's 200,000 events, not 1,5", "it 200000 events not 1 5")]
    public void Normalize_TechnologyNames_KeepTheirMarks(string input, string expected)
    {
        Assert.Equal(expected, Tokenizer.Normalize(input));
    }

    [Fact]
    public void Compact_HyphenAndSpaceVariants_Meet()
    {
        Assert.Equal(Tokenizer.Compact("multitask learning"), Tokenizer.Compact("Multi-Task  learning"));
    }

    [Theory]
    [InlineData("filters", "filter")]
    [InlineData("queries", "query")]
    [InlineData("class", "class")]
    [InlineData("status", "status")]
    [InlineData("bus", "bus")]
    public void Stem_Plurals_Fold(string word, string stem)
    {
        Assert.Equal(stem, Tokenizer.Stem(word));
    }

    [Fact]
    public void Tokenize_Spans_PointBackIntoTheText()
    {
        const string text = "use *Kafka* now";

        var token = Tokenizer.Tokenize(text)[1];

        Assert.Equal("Kafka", text.Substring(token.Start, token.Length));
    }
}
