using Invoke.Floor;

// The hand-written floor of the request-cost run (bench/request-cost.sh, issue 14): the library's hot
// reads over the same database as Invoke, with plain ADO.NET, hand-written SQL, a hand-written HS256
// check and Utf8JsonWriter. Usage: Invoke.Floor --provider Sqlite|Postgres --connection CS --port N
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i + 1 < args.Length; i += 2)
{
    options[args[i].TrimStart('-')] = args[i + 1];
}

if (!options.TryGetValue("provider", out var provider) || !options.TryGetValue("connection", out var connection)
    || !options.TryGetValue("port", out var port))
{
    Console.Error.WriteLine("usage: Invoke.Floor --provider Sqlite|Postgres --connection CS --port N");
    return 2;
}

await using var database = FloorDatabase.Create(provider, connection);
var tokens = new TokenCheck(await database.JwtSecretAsync());

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Error);
builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
var app = builder.Build();
new LibraryRoutes(database, tokens).Map(app);
await app.RunAsync();
return 0;
