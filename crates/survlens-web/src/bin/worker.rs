//! Entry point of the web worker that trains and explains, and of the pool's members.

use yew_agent::Registrable;

/// The page starts the job worker; the job worker starts the pool's members from the same
/// script under another name, which decides the role.
fn main() {
    if survlens_web::pool::is_member() {
        survlens_web::pool::member_main();
        return;
    }
    survlens_web::fault::install_in_worker();
    survlens_web::agent::JobWorker::registrar().register();
}
