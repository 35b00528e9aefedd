//! Share links in the library: opening one from the address bar (at start,
//! or pasted into an open tab's address bar) with the offer to add it,
//! and copying one of the open document.

use leptos::prelude::*;

use super::LibraryState;
use crate::library::share::{self, ShareError, Shared};
use crate::persona::numbers::grouped;
use crate::ui::browser;
use crate::ui::deflate;

impl LibraryState {
    /// Opens a share link from the address bar, once the browser has
    /// inflated it. A damaged link is reported and leaves the library
    /// alone. At start (`later` false: nothing is open yet) the current
    /// document opens when there is no link or it is damaged; later (a
    /// link pasted into the address bar of an open tab) the open document
    /// is saved first and stays open if the link is damaged. Saving at
    /// start would write an empty document over the last one.
    pub(super) fn open_fragment(self, later: bool) {
        let fragment = browser::fragment();
        if !fragment.trim_start_matches('#').starts_with(share::PREFIX) {
            if !later {
                self.open_current();
            }
            return;
        }
        // Nothing is saved while the link opens (at start, the empty
        // document the app holds meanwhile would be saved over the last).
        self.shared.set(true);
        leptos::task::spawn_local(async move {
            match deflate::decode(&fragment).await {
                Ok(Some(shared)) => {
                    if later {
                        self.save_now();
                    }
                    self.share_error.set(None);
                    self.shared.set(true);
                    self.show(shared.into());
                }
                Ok(None) if later => self.shared.set(false),
                Ok(None) => {
                    self.shared.set(false);
                    self.open_current();
                }
                Err(e) => {
                    self.shared.set(false);
                    self.share_error.set(Some(format!("{e} Your library is unchanged.")));
                    // A link this browser cannot open stays in the address
                    // bar, to be opened in another browser.
                    if e != ShareError::Unsupported {
                        browser::clear_fragment();
                    }
                    if !later {
                        self.open_current();
                    }
                }
            }
        });
    }

    /// Adds the shown shared document to the library as a new document.
    pub fn add_shared(self) {
        self.shared.set(false);
        self.lib.update(|l| l.current = None);
        browser::clear_fragment();
        self.save_now();
        self.write_index();
    }

    /// Leaves the shared document and returns to the library.
    pub fn dismiss_shared(self) {
        self.shared.set(false);
        browser::clear_fragment();
        self.open_current();
    }

    /// Copies a share link of the open document and says how it went.
    pub fn copy_share_link(self) {
        self.doc.flush();
        let mut shared = self.doc.work.with_untracked(|w| Shared::from(w));
        // Values of variables the text no longer has stay here.
        let now =
            self.doc.persona.with_untracked(|p| crate::persona::variables::variables(p, &shared.variables));
        shared.variables = shared.variables.for_names(now.iter().map(|v| v.name.as_str()));
        self.share_status.set(String::new());
        leptos::task::spawn_local(async move {
            let link = match deflate::encode(&shared).await {
                Ok(link) => link,
                Err(e) => return self.share_status.set(format!("Share link not copied: {e}")),
            };
            let url = format!("{}#{link}", browser::url_without_fragment());
            let message = match browser::copy_text(&url).await {
                Ok(()) if url.chars().count() > share::LONG_LINK => format!(
                    "Share link copied. It is {} characters long: some chat tools cut messages at {} characters, so send it as a file or by email if it arrives cut.",
                    grouped(url.chars().count()),
                    grouped(share::LONG_LINK)
                ),
                Ok(()) => "Share link copied".to_string(),
                Err(e) => format!("Share link not copied: {e}"),
            };
            self.share_status.set(message);
        });
    }
}
