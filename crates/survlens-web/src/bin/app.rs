//! Entry point of the page's main thread.

fn main() {
    survlens_web::start_app();
}
