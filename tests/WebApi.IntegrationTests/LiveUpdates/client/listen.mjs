// Connects to an Invoke server the way InvokeAI's web UI does and reports, one JSON object per line
// on stdout, what happens: {"type":"connect"}, {"type":"upgrade","transport":…},
// {"type":"connect_error","message":…,"data":…}, {"type":"event","name":…,"payload":…},
// {"type":"disconnect","reason":…}. The UI's own messages (subscribe_queue, …) are sent on connect.
// Usage: node listen.mjs <origin> <json options>, options: token, header (send Authorization),
// auth (send auth.token), transports (array).
import { io } from "socket.io-client";

const [origin, rawOptions] = process.argv.slice(2);
const options = JSON.parse(rawOptions ?? "{}");
const report = (message) => process.stdout.write(JSON.stringify(message) + "\n");

const socket = io(origin, {
  path: "/ws/socket.io",
  timeout: 60000,
  forceNew: true,
  reconnection: options.reconnection ?? true,
  transports: options.transports ?? ["polling", "websocket"],
  auth: options.token && options.auth !== false ? { token: options.token } : undefined,
  extraHeaders: options.token && options.header ? { Authorization: `Bearer ${options.token}` } : undefined,
});

socket.on("connect", () => {
  report({ type: "connect", transport: socket.io.engine.transport.name });
  socket.emit("subscribe_queue", { queue_id: "default" });
  socket.emit("subscribe_bulk_download", { bulk_download_id: "default" });
});
socket.io.on("open", () => socket.io.engine.on("upgrade", (transport) => report({ type: "upgrade", transport: transport.name })));
socket.on("connect_error", (error) => report({ type: "connect_error", message: error.message, data: error.data ?? null }));
socket.on("disconnect", (reason) => report({ type: "disconnect", reason }));
socket.onAny((name, payload) => report({ type: "event", name, payload }));

process.stdin.on("data", (chunk) => {
  for (const line of chunk.toString().split("\n").filter(Boolean)) {
    const command = JSON.parse(line);
    if (command.ack) {
      socket.emit(command.ack, command.payload ?? {}, (...args) => report({ type: "ack", name: command.ack, args }));
    }
  }
});
process.stdin.on("end", () => { socket.disconnect(); process.exit(0); });
