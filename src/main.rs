//! The Persona Playground binary: sets the panic hook and mounts the app.

fn main() {}
