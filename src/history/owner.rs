//! Who is recording a run: the host, the process id and the process's start time, kept in the
//! run's start record so that a reader can tell a run still being rehearsed (its recorder is
//! alive) from one cut short (its recorder is gone).
//!
//! Owns reading them for this process and checking them against `/proc` (Linux). It must not
//! decide what a report says: it answers alive, gone or cannot tell, and the commands word it.
//! Elsewhere (other Unix systems, Windows) the start time is not recorded and a run with no
//! end reads as "cannot tell" (docs/reports.md).

use std::path::Path;

use serde::{Deserialize, Serialize};

/// The process recording a run, as its start record names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recorder {
    /// The host name (`/proc/sys/kernel/hostname`); `None` where it could not be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    pub pid: u32,
    /// The boot the process ran in (`/proc/sys/kernel/random/boot_id`): its start time counts
    /// from that boot, so a process of another boot with the same figures is not this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boot: Option<String>,
    /// When the process started, in clock ticks after boot (field 22 of `/proc/PID/stat`): a
    /// process id reused by a later process is told apart by it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_ticks: Option<u64>,
}

/// Whether the recorder of a run with no end is still at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Liveness {
    /// The process is gone (or the record names none, as in histories older than this field):
    /// the run was cut short.
    #[default]
    Gone,
    /// The very process that began the run is alive on this host: the run is in progress.
    Alive,
    /// Another host recorded it, or this system cannot tell: no end recorded, no more known.
    Unknown,
}

/// What this machine and process look like from `/proc`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Here {
    pub host: Option<String>,
    pub boot: Option<String>,
}

impl Here {
    /// This machine, read once per command.
    pub fn now() -> Self {
        Self::at(Path::new("/proc"))
    }

    fn at(proc: &Path) -> Self {
        Self {
            host: first_line(&proc.join("sys/kernel/hostname")),
            boot: first_line(&proc.join("sys/kernel/random/boot_id")),
        }
    }
}

impl Recorder {
    /// This process, to be written into a run's start record.
    pub fn this_process() -> Self {
        let here = Here::now();
        let pid = std::process::id();
        Self {
            host: here.host,
            pid,
            boot: here.boot,
            start_ticks: start_ticks(Path::new("/proc"), pid),
        }
    }

    /// Whether this recorder is alive, seen from `here`: the same host and boot, and a process
    /// with its id that started at the same tick. One read of `/proc/PID/stat`, compared with
    /// what the run recorded, so a process id reused since is never taken for the recorder.
    pub fn liveness(&self, here: &Here) -> Liveness {
        self.liveness_in(here, Path::new("/proc"))
    }

    fn liveness_in(&self, here: &Here, proc: &Path) -> Liveness {
        let (Some(host), Some(boot), Some(ticks)) = (&self.host, &self.boot, self.start_ticks)
        else {
            return Liveness::Unknown;
        };
        if here.host.as_ref() != Some(host) {
            return Liveness::Unknown;
        }
        if here.boot.as_ref() != Some(boot) {
            // The machine has rebooted since: every process of that boot is gone.
            return Liveness::Gone;
        }
        match std::fs::read_to_string(proc.join(self.pid.to_string()).join("stat")) {
            Ok(text) => match parse_stat(&text) {
                Some(stat) if stat.start_ticks == ticks && !stat.dead() => Liveness::Alive,
                Some(_) => Liveness::Gone,
                None => Liveness::Unknown,
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Liveness::Gone,
            Err(_) => Liveness::Unknown,
        }
    }
}

/// The two fields of `/proc/PID/stat` that matter here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stat {
    state: char,
    start_ticks: u64,
}

impl Stat {
    /// A zombie (`Z`) or dead (`X`, `x`) process records nothing more.
    fn dead(self) -> bool {
        matches!(self.state, 'Z' | 'X' | 'x')
    }
}

/// Field 3 (state) and field 22 (start time) of a `/proc/PID/stat` line. The second field,
/// the command name, is in parentheses and may hold spaces and parentheses itself: the fields
/// are counted after the last `)`.
fn parse_stat(text: &str) -> Option<Stat> {
    let rest = &text[text.rfind(')')? + 1..];
    let mut fields = rest.split_ascii_whitespace();
    let state = fields.next()?.chars().next()?;
    // Fields 4 to 21 come between the state (3) and the start time (22).
    let start_ticks = fields.nth(18)?.parse().ok()?;
    Some(Stat { state, start_ticks })
}

fn start_ticks(proc: &Path, pid: u32) -> Option<u64> {
    let text = std::fs::read_to_string(proc.join(pid.to_string()).join("stat")).ok()?;
    parse_stat(&text).map(|s| s.start_ticks)
}

fn first_line(path: &Path) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    let line = text.lines().next()?.trim();
    (!line.is_empty()).then(|| line.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `/proc` of one process `pid` started at tick `ticks` in state `state`.
    fn fake_proc(pid: u32, state: char, ticks: u64) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("a temporary folder");
        std::fs::create_dir_all(dir.path().join(pid.to_string())).expect("a process folder");
        let fields: Vec<String> = (4..=21).map(|f| f.to_string()).collect();
        std::fs::write(
            dir.path().join(pid.to_string()).join("stat"),
            format!(
                "{pid} (pacer (a) b) {state} {} {ticks} 0 0 0\n",
                fields.join(" ")
            ),
        )
        .expect("written");
        dir
    }

    fn here() -> Here {
        Here {
            host: Some("stage".into()),
            boot: Some("b-1".into()),
        }
    }

    fn recorder(pid: u32, ticks: u64) -> Recorder {
        Recorder {
            host: Some("stage".into()),
            pid,
            boot: Some("b-1".into()),
            start_ticks: Some(ticks),
        }
    }

    #[test]
    fn the_start_time_is_field_22_counted_after_the_command_name() {
        let text = "42 (a) b (c)) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 987654 19 20\n";
        assert_eq!(
            parse_stat(text),
            Some(Stat {
                state: 'S',
                start_ticks: 987_654
            })
        );
        assert_eq!(parse_stat("42 (cut"), None);
        assert_eq!(parse_stat("42 (a) S 1 2"), None);
    }

    #[test]
    fn a_recorder_is_alive_only_as_the_very_process_that_began_the_run() {
        let proc = fake_proc(4242, 'S', 777);
        let here = here();
        assert_eq!(
            recorder(4242, 777).liveness_in(&here, proc.path()),
            Liveness::Alive
        );
        assert_eq!(
            recorder(4242, 778).liveness_in(&here, proc.path()),
            Liveness::Gone,
            "the id was reused by a later process"
        );
        assert_eq!(
            recorder(4243, 777).liveness_in(&here, proc.path()),
            Liveness::Gone,
            "no such process"
        );
        let zombie = fake_proc(4242, 'Z', 777);
        assert_eq!(
            recorder(4242, 777).liveness_in(&here, zombie.path()),
            Liveness::Gone
        );
        let rebooted = Here {
            boot: Some("b-2".into()),
            ..here.clone()
        };
        assert_eq!(
            recorder(4242, 777).liveness_in(&rebooted, proc.path()),
            Liveness::Gone
        );
        let elsewhere = Here {
            host: Some("laptop".into()),
            ..here.clone()
        };
        assert_eq!(
            recorder(4242, 777).liveness_in(&elsewhere, proc.path()),
            Liveness::Unknown,
            "another host's processes cannot be seen"
        );
        let unknown = Recorder {
            start_ticks: None,
            ..recorder(4242, 777)
        };
        assert_eq!(unknown.liveness_in(&here, proc.path()), Liveness::Unknown);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn this_process_is_alive_and_reads_as_written() {
        let me = Recorder::this_process();
        assert!(me.start_ticks.is_some() && me.host.is_some() && me.boot.is_some());
        assert_eq!(me.liveness(&Here::now()), Liveness::Alive);
        let json = serde_json::to_string(&me).expect("serialised");
        let back: Recorder = serde_json::from_str(&json).expect("read back");
        assert_eq!(back, me);
    }
}
