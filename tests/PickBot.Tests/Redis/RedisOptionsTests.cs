using System.ComponentModel.DataAnnotations;
using PickBot.Redis;

namespace PickBot.Tests.Redis;

public sealed class RedisOptionsTests
{
    [Theory]
    [InlineData("nosuchkeyword=secretvalue")]
    [InlineData(",")]
    public void Validate_BadConnectionString_ClearErrorWithoutEchoingIt(string connectionString)
    {
        var options = new RedisOptions { ConnectionString = connectionString };
        var results = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));

        var message = Assert.Single(results).ErrorMessage;
        Assert.Contains("Redis:ConnectionString", message, StringComparison.Ordinal);
        Assert.DoesNotContain("secretvalue", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("127.0.0.1:6379,password=x,ssl=true,abortConnect=false")]
    public void Validate_UnsetOrValid_Passes(string? connectionString)
    {
        var options = new RedisOptions { ConnectionString = connectionString };

        Assert.True(Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true));
    }
}
