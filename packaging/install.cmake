# Install rules (GNUInstallDirs). `cmake --install BUILD --prefix P` (or DESTDIR=... cmake
# --install BUILD) lays out:
#   P/bin/ticker                          the command
#   P/libexec/ticker/ticker-display       the drawing commands, exec'd by ticker
#   P/libexec/ticker/ticker-imgdecode     the sandboxed picture decoder (docs/images.md)
#   P/share/ticker/{fonts,demo,config.json}   the data directory (found at run time from the
#                                         executable's own place: src/app/datadir.h)
#   P/share/man/man1/ticker.1.gz          the man page
#   P/share/doc/ticker/                   README, docs, examples (hub units, nginx snippet)
#   SYSCONFDIR/ticker/config.json         the default configuration (/etc for prefix /usr)
#   TICKER_SYSTEMD_UNIT_DIR/ticker.service (and the hub's units), TICKER_UDEV_RULES_DIR/ rule
# docs/install.md describes each piece.

option(TICKER_SYSTEM_FONTS
       "Install links to the system's DejaVu fonts (Debian: fonts-dejavu-core) instead of copies"
       OFF)
set(TICKER_SYSTEM_FONT_DIR "/usr/share/fonts/truetype/dejavu" CACHE PATH
    "Where the system's DejaVu fonts are (TICKER_SYSTEM_FONTS)")
# Relative to the prefix unless absolute (systemd reads /usr/local/lib/systemd/system too);
# the Debian package uses /lib/systemd/system and /lib/udev/rules.d.
set(TICKER_SYSTEMD_UNIT_DIR "lib/systemd/system" CACHE STRING
    "Where the systemd units are installed")
set(TICKER_UDEV_RULES_DIR "lib/udev/rules.d" CACHE STRING "Where the udev rule is installed")

install(TARGETS ticker RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS ticker-display RUNTIME DESTINATION ${TICKER_INSTALL_LIBEXECDIR})
# The sandboxed picture decoder, started by both (docs/images.md).
install(TARGETS ticker-imgdecode RUNTIME DESTINATION ${TICKER_INSTALL_LIBEXECDIR})

# Data directory.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/assets/demo DESTINATION ${TICKER_INSTALL_DATADIR})
install(FILES ${PROJECT_SOURCE_DIR}/assets/config.json DESTINATION ${TICKER_INSTALL_DATADIR})
set(ticker_fonts DejaVuSans.ttf DejaVuSans-Bold.ttf)
if(TICKER_SYSTEM_FONTS)
    # The same files as the bundled ones (DejaVu 2.37), shared with the system's package;
    # relative links, as Debian wants them inside /usr.
    set(link_dir ${CMAKE_BINARY_DIR}/packaging/fonts)
    file(MAKE_DIRECTORY ${link_dir})
    file(RELATIVE_PATH font_rel "${CMAKE_INSTALL_FULL_DATADIR}/ticker/fonts"
         "${TICKER_SYSTEM_FONT_DIR}")
    foreach(f ${ticker_fonts})
        file(CREATE_LINK ${font_rel}/${f} ${link_dir}/${f} SYMBOLIC)
        install(FILES ${link_dir}/${f} DESTINATION ${TICKER_INSTALL_DATADIR}/fonts)
    endforeach()
else()
    list(TRANSFORM ticker_fonts PREPEND ${PROJECT_SOURCE_DIR}/assets/fonts/)
    install(FILES ${ticker_fonts} ${PROJECT_SOURCE_DIR}/assets/fonts/LICENSE-DejaVu.txt
            DESTINATION ${TICKER_INSTALL_DATADIR}/fonts)
endif()

# The default configuration, never overwritten by a package upgrade (a conffile).
# Absolute: GNUInstallDirs makes it /etc for the prefix /usr (not /usr/etc).
install(FILES ${PROJECT_SOURCE_DIR}/assets/config.json
        DESTINATION ${CMAKE_INSTALL_FULL_SYSCONFDIR}/ticker)

# The man page, compressed as Debian policy wants (man reads either).
find_program(GZIP_EXECUTABLE gzip REQUIRED)
add_custom_command(OUTPUT ${CMAKE_BINARY_DIR}/ticker.1.gz
                   COMMAND ${GZIP_EXECUTABLE} -9n -c ${PROJECT_SOURCE_DIR}/docs/ticker.1
                           > ${CMAKE_BINARY_DIR}/ticker.1.gz
                   DEPENDS ${PROJECT_SOURCE_DIR}/docs/ticker.1 VERBATIM)
add_custom_target(ticker_manpage ALL DEPENDS ${CMAKE_BINARY_DIR}/ticker.1.gz)
install(FILES ${CMAKE_BINARY_DIR}/ticker.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

# systemd units and the udev rule, with the installed paths filled in.
foreach(unit ticker.service ticker-hub.service ticker-hub.timer)
    configure_file(${PROJECT_SOURCE_DIR}/firmware/${unit}.in ${CMAKE_BINARY_DIR}/packaging/${unit}
                   @ONLY)
endforeach()
# The hub's units are installed but not enabled (docs/hub.md).
install(FILES ${CMAKE_BINARY_DIR}/packaging/ticker.service
              ${CMAKE_BINARY_DIR}/packaging/ticker-hub.service
              ${CMAKE_BINARY_DIR}/packaging/ticker-hub.timer
        DESTINATION ${TICKER_SYSTEMD_UNIT_DIR})
install(FILES ${PROJECT_SOURCE_DIR}/firmware/70-ticker-drm.rules
        DESTINATION ${TICKER_UDEV_RULES_DIR})
# The Pi's boot settings, which firmware/install.sh and the image apply.
install(FILES ${PROJECT_SOURCE_DIR}/firmware/cmdline-append.txt
              ${PROJECT_SOURCE_DIR}/firmware/config-ticker.txt
        DESTINATION ${TICKER_INSTALL_DATADIR}/boot)

# Documentation, and the hub's web server snippet.
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
file(GLOB ticker_docs CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/docs/*.md)
install(FILES ${ticker_docs} DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${PROJECT_SOURCE_DIR}/firmware/nginx-ticker-hub.conf
        DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)

include(${CMAKE_CURRENT_LIST_DIR}/deb.cmake)
