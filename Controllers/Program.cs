using EventOrch.ClientRuntime.Hosting;
using EventOrch.Controllers;

var builder = WebApplication.CreateBuilder(args);
builder.AddControllersServices();

var app = builder.Build();
app.MapComponentEndpoints();
app.Run();
